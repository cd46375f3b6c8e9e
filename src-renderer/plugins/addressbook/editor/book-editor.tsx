import { Alert, Badge, Button, Checkbox, Group, Menu, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ENTRY_KINDS, type EntryKind } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { EntryView } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { VirtualTable, type VirtualColumn } from '../../../ui/virtual-table';
import { useAddressbookApi, useAddressbookRights, useBooks, useEntries } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { destinationText, filterEntries, KIND_COLORS, kindCounts } from '../book-text';
import { EntryDialog, type EntryDialogTarget } from './entry-dialog';

type EntryColumn = 'select' | 'number' | 'kind' | 'name' | 'reading' | 'destination' | 'oneTouch' | 'tags';

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
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<EntryDialogTarget | null>(null);
  const [removing, setRemoving] = useState(false);
  const all = useMemo(() => entries.data ?? [], [entries.data]);
  const shown = useMemo(() => filterEntries(tp, all, search, kind), [tp, all, search, kind]);
  // A selection holds only entries that still exist.
  const selectedIds = useMemo(() => all.filter((entry) => selected.has(entry.id)).map((entry) => entry.id), [all, selected]);
  const counts = useMemo(() => {
    const byKind: Partial<Record<EntryKind, number>> = {};
    for (const entry of all) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
    return byKind;
  }, [all]);
  const allShownSelected = shown.length > 0 && shown.every((entry) => selected.has(entry.id));

  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleShown = () =>
    setSelected((current) => {
      const next = new Set(current);
      for (const entry of shown) {
        if (allShownSelected) next.delete(entry.id);
        else next.add(entry.id);
      }
      return next;
    });

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
    ...(rights.edit
      ? [
          {
            id: 'select' as const,
            header: tp('editor.selectShown'),
            headerContent: <Checkbox size="xs" checked={allShownSelected} indeterminate={!allShownSelected && shown.some((entry) => selected.has(entry.id))} onChange={toggleShown} aria-label={tp('editor.selectShown')} />,
            width: '32px',
          },
        ]
      : []),
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
          onSelect={(index) => {
            const entry = shown[index];
            if (entry) setEditing({ entry, kind: entry.kind });
          }}
          cell={(index, column) => {
            const entry = shown[index];
            if (!entry) return null;
            return <EntryCell entry={entry} column={column} selected={selected.has(entry.id)} onToggle={() => toggle(entry.id)} />;
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
            setSelected(new Set());
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

function EntryCell({ entry, column, selected, onToggle }: { entry: EntryView; column: EntryColumn; selected: boolean; onToggle(): void }) {
  const { tp } = useAddressbookT();
  switch (column) {
    case 'select':
      return (
        <Checkbox
          size="xs"
          checked={selected}
          onChange={onToggle}
          onClick={(event) => event.stopPropagation()}
          onKeyDown={(event) => event.stopPropagation()}
          aria-label={tp('editor.select', { name: entry.name })}
        />
      );
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
