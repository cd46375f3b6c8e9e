import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { TextFieldDialog } from '../../ui/text-field-dialog';
import { draftToFilter, isEmptyFilter } from './filter-draft';
import { useFilterStore } from './filter.store';

/**
 * Apply a saved filter; save the current one under a name, or delete one (with the right to manage
 * devices). `wordyClass` hides the button's words where the bar is narrow (its name stays its label).
 */
export function SavedFiltersMenu({ wordyClass }: { wordyClass?: string }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { savedFilters, reloadGroups } = useServerData();
  const notify = useNoticeStore((s) => s.notify);
  const draft = useFilterStore((s) => s.draft);
  const [naming, setNaming] = useState(false);
  const filter = draftToFilter(draft);
  const manage = useCan('deviceManagement', 'change');

  const remove = async (id: number) => {
    try {
      await api.groups.removeFilter({ id });
      reloadGroups();
    } catch (caught) {
      notify('error', t('filters.saved'), errorMessage(caught));
    }
  };

  return (
    <>
      <Menu position="bottom-start" withinPortal closeOnItemClick>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<Icon name="bookmark" size={14} />} aria-label={t('filters.saved')} title={t('filters.saved')} styles={{ section: { marginInlineEnd: 0 } }}>
            <span className={wordyClass} style={{ marginInlineStart: 6 }}>
              {t('filters.saved')}
            </span>
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={220}>
          {savedFilters.length === 0 && <Menu.Label>{t('filters.noSaved')}</Menu.Label>}
          {savedFilters.map((saved) => (
            <Group key={saved.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => useFilterStore.getState().apply(saved.filter)} style={{ flex: 1 }}>
                {saved.name}
              </Menu.Item>
              {manage && (
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('filters.removeSaved', { name: saved.name })} onClick={() => void remove(saved.id)}>
                  <Icon name="trash" size={14} />
                </ActionIcon>
              )}
            </Group>
          ))}
          {manage && (
            <>
              <Menu.Divider />
              <Menu.Item disabled={isEmptyFilter(filter)} onClick={() => setNaming(true)}>
                {t('filters.save')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <TextFieldDialog
        opened={naming}
        title={t('filters.saveTitle')}
        label={t('filters.saveName')}
        submitLabel={t('common.save')}
        onClose={() => setNaming(false)}
        onSubmit={async (name) => {
          const saved = await api.groups.saveFilter({ name, filter });
          notify('success', t('filters.doneTitle'), t('filters.savedDone', { name: saved.name }));
          reloadGroups();
        }}
      />
    </>
  );
}
