import { create } from 'zustand';
import type { Task } from '../../../src-shared/contract/tasks.contract';

export const ADDRESSBOOK_TABS = ['books', 'directories', 'scheduled', 'deviceAccess'] as const;
export type AddressbookTab = (typeof ADDRESSBOOK_TABS)[number];

/** A dialog of the section, with what it was opened for (UI state only). */
export type AddressbookDialog =
  | { kind: 'import'; bookId: number | null; connectionId: number | null }
  | { kind: 'export'; bookId: number }
  /** A delivery now or scheduled; with `task`, that saved delivery edited. */
  | { kind: 'deliver'; bookId: number; task?: Task }
  /** Directory → devices on a schedule, from a connection or for a book; with `task`, that one edited. */
  | { kind: 'sync'; connectionId: number | null; bookId: number | null; task?: Task }
  | { kind: 'limits'; bookId: number }
  | { kind: 'fetch'; bookId: number | null }
  | { kind: 'handoff'; bookId: number; deviceId: number };

/** Which scheduled tasks the Scheduled tab lists: those of one book or one connection, or all. */
export type ScheduledFilter = { bookId: number } | { connectionId: number } | null;

interface AddressbookView {
  tab: AddressbookTab;
  /** The book open in the editor; null: the list of books. */
  openBookId: number | null;
  /** Dialogs stack: a hand-off opens above the delivery it came from. */
  dialogs: AddressbookDialog[];
  scheduledFilter: ScheduledFilter;
  showTab(tab: AddressbookTab): void;
  openBook(bookId: number | null): void;
  openDialog(dialog: AddressbookDialog): void;
  closeDialog(): void;
  /** The Scheduled tab, listing what the filter picks. */
  showScheduled(filter: ScheduledFilter): void;
}

/** What the address book section shows; kept while another section is shown. */
export const useAddressbookView = create<AddressbookView>()((set) => ({
  tab: 'books',
  openBookId: null,
  dialogs: [],
  scheduledFilter: null,
  showTab: (tab) => set({ tab }),
  openBook: (openBookId) => set({ openBookId, tab: 'books' }),
  openDialog: (dialog) => set((s) => ({ dialogs: [...s.dialogs, dialog] })),
  closeDialog: () => set((s) => ({ dialogs: s.dialogs.slice(0, -1) })),
  showScheduled: (scheduledFilter) => set({ scheduledFilter, tab: 'scheduled' }),
}));
