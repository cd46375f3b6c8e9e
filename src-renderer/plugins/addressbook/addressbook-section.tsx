import { Stack, Tabs, Title } from '@mantine/core';
import { useAddressbookRights } from './addressbook-api';
import { useAddressbookT } from './addressbook-text';
import { ADDRESSBOOK_TABS, useAddressbookView, type AddressbookTab } from './addressbook-view.store';
import { BooksPanel } from './books/books-panel';
import { AddressbookDialogs } from './addressbook-dialogs';
import { DeviceAccessPanel } from './deliver/device-access-panel';
import { BookEditor } from './editor/book-editor';
import { DirectoriesPanel } from './directories/directories-panel';
import { enAddressbook } from './i18n/addressbook.en';
import { ScheduledPanel } from './scheduled/scheduled-panel';
import { jaAddressbook } from './i18n/addressbook.ja';

/** The section's texts, added as the i18next namespace "addressbook" when this chunk loads. */
export const resources = { en: enAddressbook, ja: jaAddressbook };

function isTab(value: string | null): value is AddressbookTab {
  return (ADDRESSBOOK_TABS as readonly (string | null)[]).includes(value);
}

/**
 * The address book section (issue 11): the books (list, editor, import, export, fetch,
 * delivery), the directory connections books are imported from, the saved deliveries and
 * directory → devices synchronisations, and how devices' address book services are reached. Loaded on demand as a chunk of its own.
 */
export function Section() {
  const { tp } = useAddressbookT();
  const rights = useAddressbookRights();
  const tab = useAddressbookView((s) => s.tab);
  const openBookId = useAddressbookView((s) => s.openBookId);
  const tabs = ADDRESSBOOK_TABS.filter((id) => (id !== 'directories' || rights.directories) && (id !== 'scheduled' || rights.viewTasks));
  const shown = tabs.includes(tab) ? tab : 'books';
  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="addressbook-section">
      <Title order={3}>{tp('title')}</Title>
      <Tabs
        value={shown}
        onChange={(value) => {
          if (isTab(value)) useAddressbookView.getState().showTab(value);
        }}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        <Tabs.List>
          {tabs.map((id) => (
            <Tabs.Tab key={id} value={id}>
              {tp(`tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="books" pt="sm" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          {openBookId === null ? <BooksPanel /> : <BookEditor key={openBookId} bookId={openBookId} />}
        </Tabs.Panel>
        {rights.directories && (
          <Tabs.Panel value="directories" pt="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <DirectoriesPanel />
          </Tabs.Panel>
        )}
        {rights.viewTasks && (
          <Tabs.Panel value="scheduled" pt="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <ScheduledPanel />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="deviceAccess" pt="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <DeviceAccessPanel />
        </Tabs.Panel>
      </Tabs>
      <AddressbookDialogs />
    </Stack>
  );
}
