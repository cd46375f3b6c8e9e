import { Center, Loader, Modal } from '@mantine/core';
import { Component, Suspense, useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-shared/contract/tasks.contract';
import { usePluginList } from '../../api/plugins-context';
import { usePermissions } from '../../api/session-context';
import { pluginTaskEditor } from '../../plugins/plugin-registry';
import { useNoticeStore } from '../../ui/notice.store';

/**
 * Whether a task is edited by its plug-in's own dialog now: its type is one a renderer plug-in
 * edits, the plug-in is enabled and the user may view its function (its dialog reads its data).
 */
export function usePluginTaskEditable(): (task: Pick<Task, 'type'>) => boolean {
  const { plugins } = usePluginList();
  const can = usePermissions();
  return useCallback(
    (task) => {
      const found = pluginTaskEditor(task.type);
      return found !== undefined && (plugins ?? []).some((p) => p.id === found.plugin.id && p.state === 'enabled') && can(found.plugin.viewFunction, 'view');
    },
    [plugins, can],
  );
}

/**
 * A plug-in's editor for one of its tasks (Tasks → Edit): its chunk is loaded on demand (a
 * loader meanwhile); one that fails to load or throws closes with the reason as a notice.
 */
export function PluginTaskEditorHost({ task, onClose }: { task: Task; onClose(): void }) {
  const { t } = useTranslation();
  const notify = useNoticeStore((s) => s.notify);
  const found = pluginTaskEditor(task.type);
  if (!found) return null;
  const Editor = found.editor;
  return (
    <EditorBoundary
      onError={(error) => {
        notify('error', t('tasks.doneTitle'), error.message);
        onClose();
      }}
    >
      <Suspense
        fallback={
          <Modal opened onClose={onClose} withCloseButton={false} centered size="auto">
            <Center p="md" aria-label={t('forms.loading')}>
              <Loader size="sm" />
            </Center>
          </Modal>
        }
      >
        <Editor task={task} onClose={onClose} />
      </Suspense>
    </EditorBoundary>
  );
}

class EditorBoundary extends Component<{ onError(error: Error): void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(error instanceof Error ? error : new Error(String(error)));
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
