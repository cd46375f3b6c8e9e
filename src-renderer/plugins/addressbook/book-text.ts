import { ENTRY_KINDS, type EntryKind } from '../../../src-shared/plugins/addressbook/address-entry';
import type { Book, EntryView } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import type { AddressbookT } from './addressbook-text';

/** Badge colours of the entry kinds. */
export const KIND_COLORS: Readonly<Record<EntryKind, string>> = { email: 'blue', fax: 'grape', ifax: 'cyan', folder: 'orange', group: 'teal' };

/** "Mail 120 · Fax 4" — the kinds a book holds, in the model's order (none: "Empty"). */
export function kindCounts(tp: AddressbookT, byKind: Readonly<Partial<Record<EntryKind, number>>>, locale: string): string {
  const parts = ENTRY_KINDS.filter((kind) => (byKind[kind] ?? 0) > 0).map((kind) => `${tp(`kinds.${kind}`)} ${(byKind[kind] ?? 0).toLocaleString(locale)}`);
  return parts.length > 0 ? parts.join(' · ') : tp('books.empty');
}

/** "File: staff.ldif", "Device: MFP-3" … */
export function sourceText(tp: AddressbookT, source: Book['source']): string {
  return tp(`books.source.${source.kind}`, { label: source.label });
}

/** Where an entry sends to, as a person reads it: the address, the number (#sub-address), the folder's URL, a group's size. */
export function destinationText(tp: AddressbookT, entry: EntryDestinationFields): string {
  switch (entry.kind) {
    case 'email':
    case 'ifax':
      return entry.address;
    case 'fax':
      return entry.subAddress ? `${entry.faxNumber} #${entry.subAddress}` : entry.faxNumber;
    case 'folder': {
      const port = entry.port === null || entry.port === undefined ? '' : `:${entry.port}`;
      const path = (entry.path ?? '').replace(/^[\\/]+/, '');
      return `${entry.protocol}://${entry.host}${port}/${path}`;
    }
    case 'group':
      return tp('entries.members', { count: entry.members?.length ?? 0 });
  }
}

/** The fields destinationText reads, as entries and preview rows have them. */
export type EntryDestinationFields =
  | { kind: 'email' | 'ifax'; address: string }
  | { kind: 'fax'; faxNumber: string; subAddress?: string }
  | { kind: 'folder'; protocol: string; host: string; port?: number | null; path?: string }
  | { kind: 'group'; members?: readonly number[] };

/** Entries whose name, reading, destination or number contain the search text (any case), of the kind picked. */
export function filterEntries(tp: AddressbookT, entries: readonly EntryView[], search: string, kind: EntryKind | 'all'): EntryView[] {
  const needle = search.trim().toLowerCase();
  return entries.filter((entry) => {
    if (kind !== 'all' && entry.kind !== kind) return false;
    if (needle === '') return true;
    return (
      entry.name.toLowerCase().includes(needle) ||
      entry.reading.toLowerCase().includes(needle) ||
      String(entry.number) === needle ||
      destinationText(tp, entry).toLowerCase().includes(needle)
    );
  });
}

/** The lowest entry number not in use (1 in an empty book). */
export function nextFreeNumber(entries: readonly Pick<EntryView, 'number'>[]): number {
  const used = new Set(entries.map((entry) => entry.number));
  let number = 1;
  while (used.has(number)) number++;
  return number;
}
