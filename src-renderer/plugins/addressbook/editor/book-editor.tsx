import { Alert, Badge, Button, Group, Menu, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ENTRY_KINDS, type EntryKind } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { EntryView } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { useRowSelection } from '../../../ui/use-row-selection';
import { VirtualTable, type VirtualColumn } from '../../../ui/virtual-table';
import { useAddressbookApi, useAddressbookRights, useBooks, useEntries } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { destinationText, filterEntries, KIND_COLORS, kindCounts } from '../book-text';
import { EntryDialog, type EntryDialogTarget } from './entry-dialog';

type EntryColumn = 'number' | 'kind' | 'name' | 'reading' | 'destination' | 'oneTouch' | 'tags';

/**
 * One book's entries: a virtualised table (thousands of rows stay fast) with search and a kind
 * filter, add and edit per kind, multi-select delete, and the book's import, export, delivery
 * and device limits.
 */
export function BookEditor({ bookId }: { bookId: number }) {
  const { tp, t, language } = useAddressbookT();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const notify = useNoticeStore((s) => s.notify);
  const { openBook, openDialog } = useAddressbookView.getState();
  const books = useBooks();
  const entries = useEntries(bookId);
  const book = books.data?.find((b) => b.id === bookId) ?? null;
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<EntryKind | 'all'>('all');
  const [editing, setEditing] = useState<EntryDialogTarget | null>(null);
  const [removing, setRemoving] = useState(false);
  const all = useMemo(() => entries.data ?? [], [entries.data]);
  const shown = useMemo(() => filterEntries(tp, all, search, kind), [tp, all, search, kind]);
  // The console's one selection model: check boxes, Shift for a range, "select all" of the entries shown;
  // a selection holds only entries that still exist, and acts only on those shown.
  const allIds = useMemo(() => all.map((entry) => entry.id), [all]);
  const shownIds = useMemo(() => shown.map((entry) => entry.id), [shown]);
  const selection = useRowSelection(shownIds, allIds);
  const selectedIds = selection.selectedIds;
  const counts = useMemo(() => {
    const byKind: Partial<Record<EntryKind, number>> = {};
    for (const entry of all) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
    return byKind;
  }, [all]);

  if (books.data !== null && book === null) {
    return (
      <Stack gap="sm" align="flex-start">
        <Alert color="orange">{tp('editor.gone')}</Alert>
        <Button variant="default" onClick={() => openBook(null)}>
          {tp('editor.back')}
        </Button>
      </Stack>
    );
  }

  const columns: VirtualColumn<EntryColumn>[] = [
    { id: 'number', header: tp('entries.columns.number'), width: '64px', numeric: true },
    { id: 'kind', header: tp('entries.columns.kind'), width: '128px' },
    { id: 'name', header: tp('entries.columns.name'), width: 'minmax(140px, 1.2fr)' },
    { id: 'reading', header: tp('entries.columns.reading'), width: 'minmax(100px, 0.8fr)' },
    { id: 'destination', header: tp('entries.columns.destination'), width: 'minmax(200px, 2fr)' },
    { id: 'oneTouch', header: tp('entries.columns.oneTouch'), width: '84px', numeric: true },
    { id: 'tags', header: tp('entries.columns.tags'), width: 'minmax(80px, 0.6fr)' },
  ];

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }} data-testid="book-editor" data-book-id={bookId}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Button size="xs" variant="subtle" color="gray" leftSection={<span style={{ display: 'inline-flex', transform: 'rotate(180deg)' }}><Icon name="right" size={14} /></span>} onClick={() => openBook(null)}>
            {tp('editor.back')}
          </Button>
          <div style={{ minWidth: 0 }}>
            <Title order={4} lineClamp={1}>
              {book?.name ?? ''}
            </Title>
            <Text size="xs" c="dimmed" data-testid="entry-count" data-count={all.length}>
              {tp('editor.counts', { count: all.length, total: all.length.toLocaleString(language), kinds: kindCounts(tp, counts, language) })}
            </Text>
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          <Button size="xs" variant="default" leftSection={<Icon name="adjustments" size={16} />} onClick={() => openDialog({ kind: 'limits', bookId })}>
            {tp('editor.limits')}
          </Button>
          {rights.edit && (
            <Button size="xs" variant="default" leftSection={<Icon name="upload" size={16} />} onClick={() => openDialog({ kind: 'import', bookId, connectionId: null })}>
              {tp('books.import')}
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<Icon name="download" size={16} />} onClick={() => openDialog({ kind: 'export', bookId })}>
            {tp('books.export')}
          </Button>
          {rights.edit && (
            <Button size="xs" color="teal" leftSection={<Icon name="play" size={14} />} onClick={() => openDialog({ kind: 'deliver', bookId })}>
              {tp('books.deliver')}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="sm" wrap="nowrap" justify="space-between">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <TextInput
            size="xs"
            w={240}
            leftSection={<Icon name="search" size={14} />}
            placeholder={tp('editor.searchPlaceholder')}
            aria-label={tp('editor.search')}
            title={tp('editor.search')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <SegmentedControl
            size="xs"
            aria-label={tp('editor.kindFilter')}
            value={kind}
            onChange={(value) => setKind(value === 'all' ? 'all' : (ENTRY_KINDS.find((k) => k === value) ?? 'all'))}
            data={[
              { value: 'all', label: tp('editor.allKinds', { total: all.length.toLocaleString(language) }) },
              ...ENTRY_KINDS.map((k) => ({ value: k, label: `${tp(`kinds.${k}`)} ${(counts[k] ?? 0).toLocaleString(language)}` })),
            ]}
          />
        </Group>
        {rights.edit && (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {selectedIds.length > 0 && (
              <Button size="xs" variant="light" color="red" leftSection={<Icon name="trash" size={14} />} onClick={() => setRemoving(true)} data-testid="remove-entries">
                {tp('editor.removeSelected', { count: selectedIds.length })}
              </Button>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" leftSection={<Icon name="plus" size={16} />}>
                  {tp('editor.add')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {ENTRY_KINDS.map((k) => (
                  <Menu.Item key={k} onClick={() => setEditing({ entry: null, kind: k })}>
                    {tp(`kinds.${k}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      {entries.error && (
        <Alert color="red" py={6}>
          {tp('loadFailed', { message: entries.error.message })}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 200, display: 'flex', flexDirection: 'column' }}>
        <VirtualTable
          label={tp('entries.label')}
          columns={columns}
          count={shown.length}
          rowKey={(index) => shown[index]?.id ?? index}
          height="100%"
          empty={entries.data === null ? tp('loading') : all.length === 0 ? tp('editor.emptyBook') : tp('editor.noMatch')}
          rowTestId="entry-row"
          rowData={(index) => {
            const entry = shown[index];
            return entry ? { 'data-entry-id': String(entry.id), 'data-kind': entry.kind, 'data-number': String(entry.number) } : {};
          }}
          selectedIndex={null}
          selection={
            rights.edit
              ? {
                  ...selection,
                  rowId: (index) => shown[index]?.id,
                  rowLabel: (index) => tp('editor.select', { name: shown[index]?.name ?? '' }),
                  selectAllLabel: tp('editor.selectShown'),
                }
              : undefined
          }
          onSelect={(index) => {
            const entry = shown[index];
            if (entry) setEditing({ entry, kind: entry.kind });
          }}
          cell={(index, column) => {
            const entry = shown[index];
            if (!entry) return null;
            return <EntryCell entry={entry} column={column} />;
          }}
        />
      </div>
      {editing && <EntryDialog bookId={bookId} target={editing} entries={all} readOnly={!rights.edit} onClose={() => setEditing(null)} onSaved={entries.reload} />}
      <ConfirmDialog
        request={removing ? { title: tp('editor.confirmRemove.title', { count: selectedIds.length }), body: tp('editor.confirmRemove.body'), confirm: t('common.remove') } : null}
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          try {
            const { removed } = await api.books.removeEntries({ bookId, entryIds: selectedIds });
            notify('success', book?.name ?? tp('title'), tp('editor.removed', { count: removed }));
            selection.clear();
          } catch (caught) {
            notify('error', book?.name ?? tp('title'), errorMessage(caught));
          } finally {
            entries.reload();
          }
        }}
      />
    </Stack>
  );
}

function EntryCell({ entry, column }: { entry: EntryView; column: EntryColumn }) {
  const { tp } = useAddressbookT();
  switch (column) {
    case 'number':
      return entry.number;
    case 'kind':
      return (
        <Badge size="sm" variant="light" color={KIND_COLORS[entry.kind]} tt="none">
          {tp(`kinds.${entry.kind}`)}
        </Badge>
      );
    case 'name':
      return <span title={entry.name}>{entry.name}</span>;
    case 'reading':
      return <span title={entry.reading}>{entry.reading}</span>;
    case 'destination': {
      const text = destinationText(tp, entry);
      return (
        <span title={text}>
          {text}
          {entry.kind === 'folder' && entry.passwordSet && <Icon name="lock" size={12} />}
        </span>
      );
    }
    case 'oneTouch':
      return entry.oneTouch ?? '';
    case 'tags':
      return entry.tags.map((tag) => tp(`tags.${tag}`)).join(', ');
  }
}
