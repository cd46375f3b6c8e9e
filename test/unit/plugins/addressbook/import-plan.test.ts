import { describe, expect, it } from 'vitest';
import { addressEntrySchema, type AddressEntry, type AddressEntryInput } from '../../../../src-shared/plugins/addressbook/address-entry';
import { planImport, type StoredEntry } from '../../../../src-main/plugins/addressbook/import-plan';

const entry = (input: AddressEntryInput): AddressEntry => addressEntrySchema.parse(input);
const mail = (number: number, name: string, address = `${name.toLowerCase()}@example.com`) => entry({ kind: 'email', number, name, address });
const stored = (id: number, e: AddressEntry): StoredEntry => ({ ...e, id });

describe('import plan', () => {
  const book = [stored(1, mail(1, 'Ann')), stored(2, mail(2, 'Bob')), stored(3, entry({ kind: 'folder', number: 3, name: 'Scans', protocol: 'smb', host: 'files', path: 'scans', password: 'kept' }))];

  it('add: entries already in the book (by destination) are left alone, new ones take a free number, groups follow', () => {
    const incoming = [mail(1, 'Ann again', 'ann@example.com'), mail(2, 'Cid'), entry({ kind: 'group', number: 9, name: 'Team', members: [1, 2] })];
    const plan = planImport(book, incoming, 'add', 'destination');
    expect(plan.unchanged).toBe(1);
    expect(plan.update).toEqual([]);
    expect(plan.remove).toEqual([]);
    // Cid's number 2 is Bob's: Cid gets 4; the group's members follow (Ann stays 1, Cid 2 → 4).
    expect(plan.add.map((e) => [e.name, e.number])).toEqual([['Cid', 4], ['Team', 9]]);
    expect(plan.add.find((e) => e.kind === 'group')).toMatchObject({ members: [1, 4] });
  });

  it('update: matched entries change in place (keeping their number), unchanged ones are counted, a folder keeps its stored password', () => {
    const incoming = [mail(7, 'Ann Smith', 'ann@example.com'), mail(8, 'Bob', 'bob@example.com'), entry({ kind: 'folder', number: 5, name: 'Scans (2F)', protocol: 'smb', host: 'files', path: 'scans', password: null })];
    const plan = planImport(book, incoming, 'update', 'destination');
    expect(plan.update.map((u) => [u.id, u.entry.name, u.entry.number])).toEqual([[1, 'Ann Smith', 1], [3, 'Scans (2F)', 3]]);
    expect(plan.update[1]?.entry).toMatchObject({ password: 'kept' });
    expect(plan.unchanged).toBe(1);
    expect(plan.add).toEqual([]);
  });

  it('update by name or by number', () => {
    expect(planImport(book, [mail(1, 'Ann', 'ann@new.example.com')], 'update', 'name').update).toMatchObject([{ id: 1, entry: { address: 'ann@new.example.com' } }]);
    expect(planImport(book, [mail(2, 'Robert', 'bob@example.com')], 'update', 'number').update).toMatchObject([{ id: 2, entry: { name: 'Robert' } }]);
  });

  it('replace: the book becomes the import', () => {
    const plan = planImport(book, [mail(5, 'Dee')], 'replace', 'destination');
    expect(plan).toEqual({ add: [mail(5, 'Dee')], update: [], remove: [1, 2, 3], unchanged: 0 });
  });
});
