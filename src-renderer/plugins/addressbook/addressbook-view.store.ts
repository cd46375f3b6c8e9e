import { create } from 'zustand';

export const ADDRESSBOOK_TABS = ['books', 'directories', 'deviceAccess'] as const;
export type AddressbookTab = (typeof ADDRESSBOOK_TABS)[number];

/** A dialog of the section, with what it was opened for (UI state only). */
export type AddressbookDialog =
  | { kind: 'import'; bookId: number | null; connectionId: number | null }
  | { kind: 'export'; bookId: number }
  | { kind: 'deliver'; bookId: number }
  | { kind: 'limits'; bookId: number }
  | { kind: 'fetch'; bookId: number | null }
  | { kind: 'handoff'; bookId: number; deviceId: number };

interface AddressbookView {
  tab: AddressbookTab;
  /** The book open in the editor; null: the list of books. */
  openBookId: number | null;
  /** Dialogs stack: a hand-off opens above the delivery it came from. */
  dialogs: AddressbookDialog[];
  showTab(tab: AddressbookTab): void;
  openBook(bookId: number | null): void;
  openDialog(dialog: AddressbookDialog): void;
  closeDialog(): void;
}

/** What the address book section shows; kept while another section is shown. */
export const useAddressbookView = create<AddressbookView>()((set) => ({
  tab: 'books',
  openBookId: null,
  dialogs: [],
  showTab: (tab) => set({ tab }),
  openBook: (openBookId) => set({ openBookId, tab: 'books' }),
  openDialog: (dialog) => set((s) => ({ dialogs: [...s.dialogs, dialog] })),
  closeDialog: () => set((s) => ({ dialogs: s.dialogs.slice(0, -1) })),
}));
