import { Alert, Button, Divider, Group, Modal, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Task } from '../../../../src-shared/contract/tasks.contract';
import { ADDRESSBOOK_TASK_KINDS, DELIVERY_MODES } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { useRendererApi } from '../../../api/api-context';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { TargetPicker } from '../../../ui/target-picker';
import { useAddressbookApi, useAddressbookRights, useBooks, useDirectoryConnections } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { defaultScheduleDraft, scheduleDraftOf, scheduleOf, type ScheduleDraft, type ScheduleProblem } from '../../../ui/schedule-draft';
import { ScheduleFields } from '../deliver/schedule-fields';
import { ImportModeFields } from '../import/import-mode-fields';
import type { SyncParams } from '../scheduled/addressbook-tasks';
import { newSyncDraft, syncDraftOf, syncParamsOf, syncProblems, syncTargetsOf, type SyncDraft } from './sync-form';

interface SyncDialogProps {
  /** The connection it was opened on (a new task). */
  connectionId: number | null;
  /** The book it was opened on (a new task). */
  bookId: number | null;
  /** The saved synchronisation to edit, with its params read. */
  editing?: { task: Task; params: SyncParams };
  onClose(): void;
}

/**
 * Directory → devices on a schedule (a task of kind addressbook.sync): each run reads a saved
 * directory connection into a book (add, update by a key, or replace) and delivers the book to
 * the targets (append or replace). A new book is created when the task is saved. Saving never
 * contacts the directory; the run does. Edited here from the section and from Tasks.
 */
export function SyncDialog({ connectionId, bookId, editing, onClose }: SyncDialogProps) {
  const { tp, t } = useAddressbookT();
  const rendererApi = useRendererApi();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const books = useBooks();
  const connections = useDirectoryConnections(rights.directories);
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<SyncDraft>(() => (editing ? syncDraftOf(editing.task, editing.params) : newSyncDraft(connectionId, bookId, null)));
  const connection = connections.data?.find((c) => c.id === draft.connectionId);
  // A new book is named after the connection picked, until the user types a name of their own.
  const [autoName, setAutoName] = useState('');
  if (connection && draft.book === 'new' && connection.name !== draft.newBookName && (draft.newBookName === '' || draft.newBookName === autoName)) {
    setAutoName(connection.name);
    setDraft((current) => ({ ...current, newBookName: connection.name }));
  }
  const [initialSchedule] = useState<ScheduleDraft>(() => (editing ? scheduleDraftOf(editing.task.schedule, new Date()) : defaultScheduleDraft(new Date())));
  const [schedule, setSchedule] = useState<ScheduleDraft>(initialSchedule);
  const [scheduleProblem, setScheduleProblem] = useState<ScheduleProblem | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (patch: Partial<SyncDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setError(null);
  };
  const problems = attempted ? syncProblems(draft) : {};
  const book = books.data?.find((b) => b.id === draft.bookId);
  const bookName = draft.book === 'new' ? draft.newBookName.trim() : (book?.name ?? '');
  const defaultName = tp('sync.taskName', { connection: connection?.name ?? tp('sync.connectionOf', { id: draft.connectionId ?? 0 }), book: bookName || '…' });

  // A connection or book the task names that is not listed (deleted, or not visible to this user) stays shown by its number.
  const connectionOptions = (connections.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} (${c.host})` }));
  if (draft.connectionId !== null && connections.data !== null && !connection) connectionOptions.push({ value: String(draft.connectionId), label: tp('sync.connectionOf', { id: draft.connectionId }) });
  const bookOptions = (books.data ?? []).map((b) => ({ value: String(b.id), label: b.name }));
  if (draft.bookId !== null && books.data !== null && !book) bookOptions.push({ value: String(draft.bookId), label: tp('sync.bookOf', { id: draft.bookId }) });

  const save = async () => {
    setAttempted(true);
    const missing = syncProblems(draft);
    // An edit that leaves the schedule alone keeps it as saved (a past "once" included).
    const scheduleUnchanged = editing !== undefined && JSON.stringify(schedule) === JSON.stringify(initialSchedule);
    const built = scheduleOf(scheduleUnchanged ? { ...schedule, kind: 'kept', kept: editing.task.schedule } : schedule, Date.now());
    if (!built.ok) setScheduleProblem(built.problem);
    if (Object.keys(missing).length > 0 || draft.connectionId === null || !built.ok) return;
    setBusy(true);
    setError(null);
    try {
      let targetBookId = draft.bookId;
      if (draft.book === 'new') {
        const created = await api.books.create({ name: draft.newBookName.trim() });
        targetBookId = created.id;
        // Saved once: a retry after a refused task must not create the book again.
        setDraft((current) => ({ ...current, book: 'existing', bookId: created.id }));
        books.reload();
      }
      if (targetBookId === null) return;
      const params = syncParamsOf({ ...draft, connectionId: draft.connectionId }, targetBookId);
      const name = draft.name.trim() || tp('sync.taskName', { connection: connection?.name ?? tp('sync.connectionOf', { id: draft.connectionId }), book: bookName });
      const saved = editing
        ? await rendererApi.api.tasks.update({ id: editing.task.id, name, params, targets: syncTargetsOf(draft), enabled: draft.enabled, ...(scheduleUnchanged ? {} : { schedule: built.schedule }) })
        : await rendererApi.api.tasks.create({ name, type: ADDRESSBOOK_TASK_KINDS.sync, params, targets: syncTargetsOf(draft), schedule: built.schedule });
      notify('success', tp('title'), tp(editing ? 'sync.saved' : 'sync.created', { name: saved.name }));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const problemText = (field: keyof typeof problems) => {
    const problem = problems[field];
    return problem ? tp(`sync.problems.${problem}`) : null;
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="min(1040px, 96vw)"
      title={editing ? tp('sync.editTitle', { name: editing.task.name }) : tp('sync.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md" data-testid="sync-dialog" data-task-id={editing?.task.id ?? ''}>
        {/* The form scrolls on short screens; its error and buttons stay in view below it. */}
        <ScrollArea.Autosize mah="calc(100dvh - 205px)" type="auto" scrollbars="y" offsetScrollbars>
          <Stack gap="md" data-testid="sync-form">
            <Text size="sm" c="dimmed">
              {tp('sync.intro')}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="md">
              <Stack gap="sm">
                <StepTitle number={1} text={tp('sync.fromTitle')} />
                <Select
                  label={tp('import.connection')}
                  placeholder={tp('import.connectionPlaceholder')}
                  data={connectionOptions}
                  value={draft.connectionId === null ? null : String(draft.connectionId)}
                  onChange={(value) => change({ connectionId: value === null ? null : Number(value) })}
                  error={problemText('connection')}
                  nothingFoundMessage={tp('import.noConnections')}
                  searchable
                  comboboxProps={{ withinPortal: true }}
                  data-testid="sync-connection"
                />
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    {tp('sync.into')}
                  </Text>
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <SegmentedControl
                      value={draft.book}
                      onChange={(value) => change({ book: value === 'new' ? 'new' : 'existing' })}
                      data={[
                        { value: 'existing', label: tp('sync.existingBook') },
                        { value: 'new', label: tp('sync.newBook'), disabled: !rights.edit },
                      ]}
                      style={{ flexShrink: 0 }}
                    />
                    {draft.book === 'new' ? (
                      <TextInput
                        aria-label={tp('import.newBookName')}
                        placeholder={tp('import.newBookName')}
                        value={draft.newBookName}
                        onChange={(event) => change({ newBookName: event.currentTarget.value })}
                        maxLength={80}
                        error={problemText('newBookName')}
                        style={{ flex: 1, minWidth: 0 }}
                        data-testid="sync-new-book"
                      />
                    ) : (
                      <Select
                        aria-label={tp('import.existingBook')}
                        placeholder={tp('import.pickBook')}
                        data={bookOptions}
                        value={draft.bookId === null ? null : String(draft.bookId)}
                        onChange={(value) => change({ bookId: value === null ? null : Number(value) })}
                        error={problemText('book')}
                        searchable
                        comboboxProps={{ withinPortal: true }}
                        style={{ flex: 1, minWidth: 0 }}
                        data-testid="sync-book"
                      />
                    )}
                  </Group>
                  {draft.book === 'new' && (
                    <Text size="xs" c="dimmed">
                      {tp('sync.newBookHint')}
                    </Text>
                  )}
                </Stack>
                <ImportModeFields label={tp('sync.mode')} hint={tp(`sync.modeHints.${draft.mode}`)} warnMode="add" mode={draft.mode} matchBy={draft.matchBy} fallback="replace" onChange={change} testId="sync" />
              </Stack>
              <Stack gap="sm">
                <StepTitle number={2} text={tp('sync.toTitle')} />
                <TargetPicker
                  deviceIds={draft.deviceIds}
                  groupIds={draft.groupIds}
                  onChange={(targets) => change(targets)}
                  error={problems.targets ? t('forms.errors.noTargets') : null}
                />
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    {tp('deliver.mode')}
                  </Text>
                  <SegmentedControl
                    value={draft.delivery}
                    onChange={(value) => change({ delivery: DELIVERY_MODES.find((m) => m === value) ?? 'replace' })}
                    data={DELIVERY_MODES.map((m) => ({ value: m, label: tp(`deliver.modes.${m}`) }))}
                    style={{ alignSelf: 'flex-start' }}
                    data-testid="sync-delivery"
                  />
                  <Text size="xs" c={draft.delivery === 'replace' ? 'orange' : 'dimmed'}>
                    {tp(`deliver.modeHints.${draft.delivery}`)}
                  </Text>
                </Stack>
              </Stack>
            </SimpleGrid>
            <Divider />
            <StepTitle number={3} text={tp('sync.whenTitle')} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="sm">
              <ScheduleFields
                inline
                draft={schedule}
                onChange={(patch) => {
                  setSchedule((current) => ({ ...current, ...patch }));
                  setScheduleProblem(null);
                }}
                problem={scheduleProblem}
              />
              <Stack gap="sm">
                <TextInput label={tp('deliver.taskNameLabel')} placeholder={defaultName} value={draft.name} onChange={(event) => change({ name: event.currentTarget.value })} maxLength={120} data-testid="sync-task-name" />
                {editing && <Switch label={t('tasks.wizard.enabled')} description={t('tasks.wizard.enabledHint')} checked={draft.enabled} onChange={(event) => change({ enabled: event.currentTarget.checked })} />}
              </Stack>
            </SimpleGrid>
          </Stack>
        </ScrollArea.Autosize>

        {error && (
          <Alert color="red" py={6} role="alert" data-testid="sync-error">
            {error}
          </Alert>
        )}

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button leftSection={<Icon name="history" size={16} />} loading={busy} onClick={() => void save()} data-testid="sync-save">
            {editing ? tp('sync.saveChanges') : tp('deliver.saveSchedule')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "1 · From the directory": the three parts of the dialog, in the order a run does them. */
function StepTitle({ number, text }: { number: number; text: string }) {
  return (
    <Title order={5} fw={600}>
      {number} · {text}
    </Title>
  );
}
