import { UdirectoryFault } from './udirectory-faults';
import { checkEntry, checkProperty, SECRET_PROPERTIES } from './udirectory-properties';
import type { Property } from './udirectory-wire';
import type { SimBookEntry } from './address-book-options';

interface StoredEntry {
  id: number;
  props: Map<string, string>;
}

export interface SearchPage {
  total: number;
  rows: Array<ReadonlyMap<string, string>>;
}

/**
 * One device's address book in memory: entries by object id (given from 1, never reused),
 * registration numbers (`index`) unique, at most `entryLimit` entries. Every write is checked
 * whole before anything changes, so a refused call leaves the book as it was.
 */
export class AddressBookStore {
  private readonly byId = new Map<number, StoredEntry>();
  private nextId = 1;

  constructor(
    public entryLimit: number,
    seed: ReadonlyArray<Record<string, string>>,
  ) {
    this.replace(seed);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Replaces everything with already-checked entries; ids from 1 again. */
  replace(entries: ReadonlyArray<Record<string, string>>): void {
    this.byId.clear();
    this.nextId = 1;
    for (const entry of entries) this.insert(new Map(Object.entries(entry)));
  }

  snapshot(): SimBookEntry[] {
    return [...this.byId.values()].map((e) => ({ id: e.id, props: Object.fromEntries(e.props) }));
  }

  /** Entries ordered by `orderBy` (index, id, name …; default id), `count` of them from `offset`. */
  search(offset: number, count: number, orderBy: { propName: string; descending: boolean } | null): SearchPage {
    const all = [...this.byId.values()];
    if (orderBy && orderBy.propName !== '' && orderBy.propName !== 'id') {
      const numeric = orderBy.propName === 'index' || orderBy.propName === 'displayedOrder';
      const key = (e: StoredEntry): string => e.props.get(orderBy.propName) ?? '';
      all.sort((a, b) => (numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b))) || a.id - b.id);
    }
    if (orderBy?.descending) all.reverse();
    return { total: all.length, rows: all.slice(offset, offset + count).map((e) => this.readable(e)) };
  }

  /** The entries of `ids` in that order; UDIRECTORY_OBJECT_NOT_FOUND for an id the book lacks. */
  get(ids: readonly number[]): Array<ReadonlyMap<string, string>> {
    return ids.map((id) => this.readable(this.entry(id)));
  }

  /** Adds every list or none: COMMON_BAD_PARAMETER, UDIRECTORY_DIRECTORY_INCONSISTENT or UDIRECTORY_DIRECTORY_FULL. */
  add(lists: ReadonlyArray<readonly Property[]>): number[] {
    const taken = this.indexes();
    const prepared = lists.map((list, i) => {
      const where = `propListList item ${i + 1}`;
      const props = new Map<string, string>([['entryType', 'user']]);
      for (const property of list) {
        checkProperty(property, where);
        props.set(property[0], property[1]);
      }
      if (!props.has('index')) props.set('index', String(this.freeIndex(taken)));
      checkEntry(props, where);
      const index = props.get('index') ?? '';
      if (taken.has(index)) throw new UdirectoryFault('UDIRECTORY_DIRECTORY_INCONSISTENT', `${where}: registration number ${index} is already used`);
      taken.add(index);
      return props;
    });
    if (this.byId.size + prepared.length > this.entryLimit) {
      throw new UdirectoryFault('UDIRECTORY_DIRECTORY_FULL', `the address book holds ${this.byId.size} of ${this.entryLimit} entries: no room for ${prepared.length} more`);
    }
    return prepared.map((props) => this.insert(props));
  }

  /** Changes the given properties of one entry; the same refusals as add, or UDIRECTORY_OBJECT_NOT_FOUND. */
  update(id: number, list: readonly Property[]): void {
    const entry = this.entry(id);
    const where = `entry:${id}`;
    const props = new Map(entry.props);
    for (const property of list) {
      checkProperty(property, where);
      props.set(property[0], property[1]);
    }
    checkEntry(props, where);
    const index = props.get('index');
    if (index !== entry.props.get('index') && this.indexes().has(index ?? '')) throw new UdirectoryFault('UDIRECTORY_DIRECTORY_INCONSISTENT', `${where}: registration number ${index ?? ''} is already used`);
    entry.props = props;
  }

  /** Deletes every id or none (UDIRECTORY_OBJECT_NOT_FOUND). */
  delete(ids: readonly number[]): void {
    for (const id of ids) this.entry(id);
    for (const id of ids) this.byId.delete(id);
  }

  private insert(props: Map<string, string>): number {
    const id = this.nextId++;
    this.byId.set(id, { id, props });
    return id;
  }

  private entry(id: number): StoredEntry {
    const entry = this.byId.get(id);
    if (!entry) throw new UdirectoryFault('UDIRECTORY_OBJECT_NOT_FOUND', `entry:${id} is not in the address book`);
    return entry;
  }

  /** What a read shows: the id as a property, passwords blanked (a device never exports them). */
  private readable(entry: StoredEntry): ReadonlyMap<string, string> {
    const out = new Map<string, string>([['id', String(entry.id)]]);
    for (const [name, value] of entry.props) out.set(name, SECRET_PROPERTIES.has(name) ? '' : value);
    return out;
  }

  private indexes(): Set<string> {
    return new Set([...this.byId.values()].map((e) => e.props.get('index') ?? ''));
  }

  private freeIndex(taken: ReadonlySet<string>): number {
    for (let n = 1; n <= 99_999; n++) if (!taken.has(String(n))) return n;
    throw new UdirectoryFault('UDIRECTORY_DIRECTORY_FULL', 'no registration number is free');
  }
}
