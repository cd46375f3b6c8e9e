import { destinationOf, ENTRY_NUMBER_MAX, type AddressEntry } from '../../../src-shared/plugins/addressbook/address-entry';
import type { ImportMode, MatchKey } from '../../../src-shared/plugins/addressbook/addressbook.contract';

/** A stored entry: the model plus its row id. */
export type StoredEntry = AddressEntry & { id: number };

export interface ImportPlan {
  add: AddressEntry[];
  update: { id: number; entry: AddressEntry }[];
  remove: number[];
  unchanged: number;
}

/**
 * What importing `incoming` into a book holding `existing` does. add: entries whose key is in
 * the book already are left alone, the rest are added; update: those are changed, the rest
 * added; replace: the book becomes the import. Added entries keep their numbers where free and
 * take the next free number otherwise, and groups follow their members' new numbers. An
 * imported folder without a password keeps the stored one (files rarely carry passwords).
 */
export function planImport(existing: readonly StoredEntry[], incoming: readonly AddressEntry[], mode: ImportMode, matchBy: MatchKey): ImportPlan {
  if (mode === 'replace') return { add: [...incoming], update: [], remove: existing.map((e) => e.id), unchanged: 0 };
  const keyOf = (entry: AddressEntry): string => (matchBy === 'number' ? String(entry.number) : matchBy === 'name' ? `${entry.kind}:${entry.name.toLowerCase()}` : `${entry.kind}:${destinationOf(entry)}`);
  const byKey = new Map<string, StoredEntry>();
  for (const entry of existing) if (!byKey.has(keyOf(entry))) byKey.set(keyOf(entry), entry);
  const used = new Set(existing.map((e) => e.number));
  const renumbered = new Map<number, number>();
  const plan: ImportPlan = { add: [], update: [], remove: [], unchanged: 0 };
  let next = 1;
  const freeNumber = (): number => {
    while (used.has(next) && next <= ENTRY_NUMBER_MAX) next++;
    if (next > ENTRY_NUMBER_MAX) throw new RangeError(`the book would hold more than ${ENTRY_NUMBER_MAX} entries`);
    return next;
  };
  const pendingUpdates: { id: number; entry: AddressEntry }[] = [];
  const pendingAdds: AddressEntry[] = [];
  for (const entry of incoming) {
    const match = byKey.get(keyOf(entry));
    if (match) {
      renumbered.set(entry.number, match.number);
      if (mode === 'add') plan.unchanged++;
      else pendingUpdates.push({ id: match.id, entry: { ...entry, number: match.number } });
      continue;
    }
    pendingAdds.push(entry);
  }
  for (const entry of pendingAdds) {
    const number = used.has(entry.number) ? freeNumber() : entry.number;
    used.add(number);
    renumbered.set(entry.number, number);
    plan.add.push({ ...entry, number });
  }
  const remap = (entry: AddressEntry): AddressEntry => (entry.kind === 'group' ? { ...entry, members: entry.members.map((m) => renumbered.get(m) ?? m) } : entry);
  plan.add = plan.add.map(remap);
  for (const { id, entry } of pendingUpdates) {
    const before = existing.find((e) => e.id === id);
    const after = remap(entry);
    const merged = after.kind === 'folder' && after.password === null && before?.kind === 'folder' ? { ...after, password: before.password } : after;
    if (before && sameEntry(before, merged)) plan.unchanged++;
    else plan.update.push({ id, entry: merged });
  }
  return plan;
}

/** Whether two entries say the same (the row id aside). */
export function sameEntry(a: AddressEntry, b: AddressEntry): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(entry: AddressEntry): unknown {
  const { id: _id, ...rest } = entry as AddressEntry & { id?: number };
  return Object.fromEntries(Object.entries(rest).sort(([x], [y]) => x.localeCompare(y)));
}
