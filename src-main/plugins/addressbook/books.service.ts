import { addressEntrySchema, type AddressEntry } from '../../../src-shared/plugins/addressbook/address-entry';
import { ADDRESSBOOK_TASK_KINDS, deviceAccessSchema, type AddressbookContract, type Book, type DeviceAccess, type EntryView } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { levelOf } from '../../../src-shared/auth/access';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { CallContext, ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { PluginHost } from '../../plugin-api/plugin-host';
import type { AddressBookAdapter } from './adapters/address-book-adapter';
import { previewOf, problemsError, readSource } from './book-import';
import { deviceBookFacts } from './device-book-profile';
import { endpointOf, reachOf } from './device-delivery';
import { writeBook } from './formats';
import { planImport } from './import-plan';
import { BookConflict, type BooksRepository } from './store/books.repository';
import type { AddressbookSettings, DirectoriesRepository } from './store/directories.repository';

type BooksImpl = ServiceImpl<AddressbookContract['books']>;

export const DEFAULT_DEVICE_ACCESS: DeviceAccess = { useTls: true, httpsPort: 443, httpPort: 80, allowSelfSigned: true };

export interface BooksServiceDeps {
  host: PluginHost;
  books: BooksRepository;
  directories: DirectoriesRepository;
  settings: AddressbookSettings;
  adapters: ReadonlyMap<string, AddressBookAdapter>;
  functionId: string;
}

/** The books, their entries, imports and exports, and the way to devices (issue 11). */
export class BooksService implements BooksImpl {
  constructor(private readonly deps: BooksServiceDeps) {}

  deviceAccess(): DeviceAccess {
    return this.deps.settings.get('deviceAccess', DEFAULT_DEVICE_ACCESS, (v) => deviceAccessSchema.parse(v));
  }

  list: BooksImpl['list'] = () => ({ books: this.deps.books.list() });

  create: BooksImpl['create'] = ({ name, description }, context) => {
    const id = this.conflicts(() => this.deps.books.create({ name, description, source: { kind: 'manual', label: '' } }, who(context), this.deps.host.now()));
    this.changed([id]);
    return this.book(id);
  };

  update: BooksImpl['update'] = ({ id, name, description }, context) => {
    this.book(id);
    this.conflicts(() => this.deps.books.update(id, { name, description }, who(context), this.deps.host.now()));
    this.changed([id]);
    return this.book(id);
  };

  remove: BooksImpl['remove'] = ({ id }) => {
    this.deps.books.remove(id);
    this.changed([id]);
    return {};
  };

  entries: BooksImpl['entries'] = ({ bookId }) => {
    this.book(bookId);
    return { entries: this.deps.books.entries(bookId).map(toView) };
  };

  saveEntry: BooksImpl['saveEntry'] = ({ bookId, entryId, entry }, context) => {
    this.book(bookId);
    const existing = this.deps.books.entries(bookId);
    if (entryId !== undefined && !existing.some((e) => e.id === entryId)) throw new AppError('not-found', `no entry ${entryId} in this book`);
    if (entry.kind === 'group') {
      const numbers = new Set(existing.filter((e) => e.id !== entryId && e.kind !== 'group').map((e) => e.number));
      const unknown = entry.members.filter((m) => !numbers.has(m));
      if (unknown.length > 0) throw new AppError('invalid-argument', `entry.members: no entries numbered ${unknown.join(', ')} (a group holds destinations of this book)`, { field: 'entry.members' });
    }
    // Left out, a folder's password stays as stored; null clears it.
    const clearPassword = entry.kind === 'folder' && entry.password === null;
    const before = existing.find((e) => e.id === entryId);
    const id = this.deps.books.transaction(() => {
      const saved = this.conflicts(() => this.deps.books.saveEntry(bookId, addressEntrySchema.parse(entry), entryId ?? null, { clearPassword }));
      // Groups follow a destination to its new number, and lose one that became a group.
      if (before && before.kind !== 'group' && (entry.kind === 'group' || entry.number !== before.number)) {
        for (const group of existing) {
          if (group.kind !== 'group' || group.id === entryId || !group.members.includes(before.number)) continue;
          const members = entry.kind === 'group' ? group.members.filter((m) => m !== before.number) : group.members.map((m) => (m === before.number ? entry.number : m));
          this.deps.books.saveEntry(bookId, addressEntrySchema.parse({ ...group, members }), group.id);
        }
      }
      return saved;
    });
    this.deps.books.touch(bookId, who(context), this.deps.host.now());
    this.changed([bookId]);
    const saved = this.deps.books.entries(bookId).find((e) => e.id === id);
    if (!saved) throw new AppError('internal', 'the entry was not saved');
    return toView(saved);
  };

  removeEntries: BooksImpl['removeEntries'] = ({ bookId, entryIds }, context) => {
    this.book(bookId);
    const removed = this.deps.books.transaction(() => {
      // A Set: up to 100,000 ids against every entry of the book would block the console for seconds.
      const wanted = new Set(entryIds);
      const all = this.deps.books.entries(bookId);
      const doomed = all.filter((e) => wanted.has(e.id));
      const gone = new Set(doomed.map((e) => e.number));
      const count = this.deps.books.removeEntries(bookId, doomed.map((e) => e.id));
      // Groups lose the members that are gone.
      for (const group of all) {
        if (group.kind === 'group' && !wanted.has(group.id) && group.members.some((m) => gone.has(m))) this.deps.books.saveEntry(bookId, addressEntrySchema.parse({ ...group, members: group.members.filter((m) => !gone.has(m)) }), group.id);
      }
      return count;
    });
    this.deps.books.touch(bookId, who(context), this.deps.host.now());
    this.changed([bookId]);
    return { removed };
  };

  previewImport: BooksImpl['previewImport'] = async ({ source, target, mode, matchBy }) => {
    const read = await readSource(source, this.deps.directories);
    const existing = 'bookId' in target ? (this.book(target.bookId), this.deps.books.entries(target.bookId)) : [];
    const plan = read.book.problems.length === 0 ? planImport(existing, read.book.entries, mode, matchBy) : null;
    return previewOf(read, plan);
  };

  import: BooksImpl['import'] = async ({ source, target, mode, matchBy }, context) => {
    const read = await readSource(source, this.deps.directories);
    if (read.book.problems.length > 0) throw problemsError(read);
    const now = this.deps.host.now();
    const result = this.deps.books.transaction(() => {
      const bookId = 'bookId' in target ? (this.book(target.bookId), target.bookId) : this.conflicts(() => this.deps.books.create({ name: target.newBookName, description: '', source: { kind: read.kind, label: read.label } }, who(context), now));
      const plan = planImport(this.deps.books.entries(bookId, { withPasswords: true }), read.book.entries, mode, matchBy);
      this.deps.books.apply(bookId, plan);
      this.deps.books.update(bookId, { source: { kind: read.kind, label: read.label } }, who(context), now);
      return { bookId, added: plan.add.length, updated: plan.update.length, removed: plan.remove.length, unchanged: plan.unchanged };
    });
    this.changed([result.bookId]);
    return { book: this.book(result.bookId), added: result.added, updated: result.updated, removed: result.removed, unchanged: result.unchanged };
  };

  export: BooksImpl['export'] = ({ bookId, format, encoding }, context) => {
    const book = this.book(bookId);
    const entries = this.deps.books.entries(bookId, { withPasswords: this.mayReadPasswords(context) }).map(stripView);
    const bytes = writeBook(entries, format, { bookName: book.name, encoding });
    return { fileName: `${fileSafe(book.name)}.${EXTENSIONS[format]}`, content: Buffer.from(bytes).toString('base64'), entries: entries.length };
  };

  plan: BooksImpl['plan'] = ({ bookId, targets }) => {
    const book = this.book(bookId);
    const { devices } = this.deps.host.devices(this.deps.host.resolveTargets(targets));
    return {
      devices: devices.map((device) => {
        const facts = deviceBookFacts(device.profileData, device.model);
        return {
          deviceId: device.id,
          label: device.label,
          adapter: facts.adapter,
          handoffFormat: facts.handoff,
          limit: facts.limit,
          oneTouchLimit: facts.oneTouchLimit,
          entries: book.entries,
          over: facts.limit === null ? 0 : Math.max(0, book.entries - facts.limit),
          loginStored: device.login !== null,
        };
      }),
    };
  };

  deliver: BooksImpl['deliver'] = async ({ bookId, targets, mode }, context) => {
    const book = this.book(bookId);
    return this.deps.host.runTask({ type: ADDRESSBOOK_TASK_KINDS.deliver, name: `Deliver address book "${book.name}"`, params: { bookId, mode }, targets }, context);
  };

  fetch: BooksImpl['fetch'] = async ({ deviceId, target }, context) => {
    const [device] = this.deps.host.devices([deviceId]).devices;
    if (!device) throw new AppError('not-found', `no device ${deviceId}`);
    const reach = reachOf(device, this.deps.adapters);
    if ('why' in reach) throw new AppError('unsupported', `${device.label}: ${reach.why}`);
    const bookId = 'bookId' in target ? (this.book(target.bookId), target.bookId) : this.conflicts(() => this.deps.books.create({ name: target.newBookName, description: '', source: { kind: 'device', label: device.label } }, who(context), this.deps.host.now()));
    try {
      const started = await this.deps.host.runTask({ type: ADDRESSBOOK_TASK_KINDS.fetch, name: `Fetch the address book of ${device.label}`, params: { deviceId, bookId }, targets: { deviceIds: [], groupIds: [] } }, context);
      if (!('bookId' in target)) this.changed([bookId]);
      return started;
    } catch (error) {
      // The book made for this fetch goes again when the fetch could not start.
      if (!('bookId' in target)) this.deps.books.remove(bookId);
      throw error;
    }
  };

  handoff: BooksImpl['handoff'] = ({ bookId, deviceId }, context) => {
    const book = this.book(bookId);
    const [device] = this.deps.host.devices([deviceId]).devices;
    if (!device) throw new AppError('not-found', `no device ${deviceId}`);
    const facts = deviceBookFacts(device.profileData, device.model);
    const entries = this.deps.books.entries(bookId, { withPasswords: this.mayReadPasswords(context) }).map(stripView);
    const limited = facts.limit === null ? entries : entries.slice(0, facts.limit);
    const bytes = writeBook(limited, facts.handoff, { bookName: book.name });
    const steps = [...facts.steps];
    if (limited.length < entries.length) steps.unshift(`This model holds ${facts.limit} entries: the file has the first ${limited.length} of ${entries.length}.`);
    return { fileName: `${fileSafe(book.name)} - ${fileSafe(device.label)}.${EXTENSIONS[facts.handoff]}`, content: Buffer.from(bytes).toString('base64'), format: facts.handoff, steps };
  };

  testDevice: BooksImpl['testDevice'] = async ({ deviceId }) => {
    const [device] = this.deps.host.devices([deviceId]).devices;
    if (!device) throw new AppError('not-found', `no device ${deviceId}`);
    const reach = reachOf(device, this.deps.adapters);
    if ('why' in reach) return { ok: false, step: 'not-supported', message: reach.why };
    const signal = AbortSignal.timeout(30_000);
    return reach.adapter.testAuthentication(endpointOf(device, this.deviceAccess()), reach.login, signal);
  };

  getDeviceAccess: BooksImpl['getDeviceAccess'] = () => this.deviceAccess();

  setDeviceAccess: BooksImpl['setDeviceAccess'] = (access) => {
    this.deps.settings.set('deviceAccess', access);
    return this.deviceAccess();
  };

  /** Stored folder passwords leave the console (in an export or hand-off file) only for users who may change books; others get the file without them. */
  private mayReadPasswords(context: CallContext): boolean {
    return context.caller !== null && levelOf(context.caller, this.deps.functionId) === 'change';
  }

  /** The book, or 'not-found'. */
  book(id: number): Book {
    const book = this.deps.books.get(id);
    if (!book) throw new AppError('not-found', `no address book ${id}`);
    return book;
  }

  private changed(ids: number[]): void {
    this.deps.host.emitData('books', this.deps.functionId, ids);
  }

  private conflicts<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof BookConflict) throw new AppError('conflict', error.message);
      throw error;
    }
  }
}

const EXTENSIONS = { ldif: 'ldif', abk: 'abk', 'canon-csv': 'csv', csv: 'csv' } as const;

function who(context: CallContext): string | null {
  return context.caller?.userName ?? null;
}

function fileSafe(name: string): string {
  const safe = [...name].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
  return safe.slice(0, 80) || 'address-book';
}

/** The model's fields of a stored entry (its row id and passwordSet dropped) for the file writers. */
function stripView(entry: AddressEntry & { id: number; passwordSet: boolean }): AddressEntry {
  return addressEntrySchema.parse(entry);
}

function toView(entry: AddressEntry & { id: number; passwordSet: boolean }): EntryView {
  if (entry.kind === 'folder') {
    const { password: _password, ...rest } = entry;
    return rest;
  }
  const { passwordSet: _set, ...rest } = entry;
  return rest;
}
