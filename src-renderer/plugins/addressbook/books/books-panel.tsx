import { ActionIcon, Alert, Button, Group, Menu, Paper, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { Book } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { formatDateTime } from '../../../ui/display-format';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { useAddressbookApi, useAddressbookRights, useBooks } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { kindCounts, sourceText } from '../book-text';
import { countScheduled, useAddressbookTasks } from '../scheduled/addressbook-tasks';
import { ScheduledCount } from '../scheduled/scheduled-panel';
import { BookNameDialog, type BookNameTarget } from './book-name-dialog';

/**
 * The books: counts per kind, where each came from, when it changed and by whom; open one in
 * the editor; create, rename, delete, import, export, deliver and fetch from a device.
 */
export function BooksPanel() {
  const { tp, language } = useAddressbookT();
  const api = useAddressbookApi();
  const books = useBooks();
  const rights = useAddressbookRights();
  const notify = useNoticeStore((s) => s.notify);
  const { openBook, openDialog } = useAddressbookView.getState();
  const [naming, setNaming] = useState<BookNameTarget | undefined>(undefined);
  const [removing, setRemoving] = useState<Book | null>(null);
  const list = books.data ?? [];
  const scheduled = useAddressbookTasks().data ?? [];

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }} data-testid="books-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={760}>
          {tp('books.intro')}
        </Text>
        {rights.edit && (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button size="xs" variant="default" leftSection={<Icon name="download" size={16} />} onClick={() => openDialog({ kind: 'fetch', bookId: null })}>
              {tp('books.fetch')}
            </Button>
            <Button size="xs" variant="default" leftSection={<Icon name="upload" size={16} />} onClick={() => openDialog({ kind: 'import', bookId: null, connectionId: null })}>
              {tp('books.import')}
            </Button>
            <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setNaming(null)}>
              {tp('books.new')}
            </Button>
          </Group>
        )}
      </Group>
      {!rights.edit && <ReadOnlyNote />}
      {books.error && (
        <Alert color="red" py={6}>
          {tp('loadFailed', { message: books.error.message })}
        </Alert>
      )}
      <Paper withBorder radius="md" style={{ minHeight: 0, display: 'flex' }}>
        <ScrollArea type="auto" style={{ flex: 1 }} scrollbars="xy">
          {list.length === 0 ? (
            <Text c="dimmed" p="md" size="sm" data-testid="books-empty">
              {books.data === null ? tp('loading') : tp('books.none')}
            </Text>
          ) : (
            <Table verticalSpacing={6} highlightOnHover aria-label={tp('books.title')} style={{ minWidth: 980 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tp('books.columns.name')}</Table.Th>
                  <Table.Th w={90} ta="right">
                    {tp('books.columns.entries')}
                  </Table.Th>
                  <Table.Th>{tp('books.columns.kinds')}</Table.Th>
                  <Table.Th>{tp('books.columns.source')}</Table.Th>
                  <Table.Th w={210}>{tp('books.columns.updated')}</Table.Th>
                  <Table.Th w={1} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((book) => (
                  <Table.Tr key={book.id} data-testid="book-row" data-book-id={book.id} data-entries={book.entries} style={{ cursor: 'pointer' }} onClick={() => openBook(book.id)}>
                    <Table.Td>
                      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {book.name}
                      </Text>
                      {book.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {book.description}
                        </Text>
                      )}
                      <ScheduledCount count={countScheduled(scheduled, { bookId: book.id })} filter={{ bookId: book.id }} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {book.entries.toLocaleString(language)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{kindCounts(tp, book.byKind, language)}</Text>
                      {book.oneTouch > 0 && (
                        <Text size="xs" c="dimmed">
                          {tp('books.oneTouch', { count: book.oneTouch })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                        {sourceText(tp, book.source)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(book.updatedAt, language)}</Text>
                      {book.updatedBy && (
                        <Text size="xs" c="dimmed">
                          {tp('books.by', { name: book.updatedBy })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td onClick={(event) => event.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="light" onClick={() => openBook(book.id)}>
                          {tp('books.open')}
                        </Button>
                        {rights.edit && (
                          <Button size="compact-xs" variant="light" color="teal" onClick={() => openDialog({ kind: 'deliver', bookId: book.id })}>
                            {tp('books.deliver')}
                          </Button>
                        )}
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Tooltip label={tp('books.more', { name: book.name })} withinPortal>
                              <ActionIcon variant="subtle" color="gray" aria-label={tp('books.more', { name: book.name })}>
                                <Icon name="dots" size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<Icon name="download" size={14} />} onClick={() => openDialog({ kind: 'export', bookId: book.id })}>
                              {tp('books.export')}
                            </Menu.Item>
                            {rights.edit && (
                              <>
                                <Menu.Item leftSection={<Icon name="upload" size={14} />} onClick={() => openDialog({ kind: 'import', bookId: book.id, connectionId: null })}>
                                  {tp('books.importInto')}
                                </Menu.Item>
                                <Menu.Item leftSection={<Icon name="printer" size={14} />} onClick={() => openDialog({ kind: 'fetch', bookId: book.id })}>
                                  {tp('books.fetchInto')}
                                </Menu.Item>
                                {rights.tasks && rights.directories && (
                                  <Menu.Item leftSection={<Icon name="history" size={14} />} onClick={() => openDialog({ kind: 'sync', connectionId: null, bookId: book.id })}>
                                    {tp('sync.open')}
                                  </Menu.Item>
                                )}
                                <Menu.Item leftSection={<Icon name="pencil" size={14} />} onClick={() => setNaming(book)}>
                                  {tp('books.rename')}
                                </Menu.Item>
                                <Menu.Divider />
                                <Menu.Item color="red" leftSection={<Icon name="trash" size={14} />} onClick={() => setRemoving(book)}>
                                  {tp('books.remove')}
                                </Menu.Item>
                              </>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </ScrollArea>
      </Paper>
      {naming !== undefined && (
        <BookNameDialog
          target={naming}
          onClose={() => setNaming(undefined)}
          onSaved={(book, created) => {
            books.reload();
            if (created) openBook(book.id);
          }}
        />
      )}
      <ConfirmDialog
        request={removing && { title: tp('books.confirmRemove.title', { name: removing.name }), body: tp('books.confirmRemove.body', { count: removing.entries }), confirm: tp('books.remove') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await api.books.remove({ id: removing.id });
            notify('success', tp('title'), tp('books.removed', { name: removing.name }));
          } catch (caught) {
            notify('error', tp('title'), errorMessage(caught));
          } finally {
            books.reload();
          }
        }}
      />
    </Stack>
  );
}
