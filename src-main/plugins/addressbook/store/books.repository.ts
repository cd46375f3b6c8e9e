import { addressEntrySchema, ENTRY_KINDS, type AddressEntry, type EntryKind } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { Book } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import type { PluginDatabase, SecretStore } from '../../../plugin-api/plugin-host';
import type { ImportPlan, StoredEntry } from '../import-plan';

interface BookRow {
  id: number;
  name: string;
  description: string;
  source_kind: Book['source']['kind'];
  source_label: string;
  updated_at: number;
  updated_by: string | null;
}
interface EntryRow {
  id: number;
  number: number;
  kind: EntryKind;
  body: string;
  password: string | null;
}

/** Thrown when a name or an entry number is taken (the service answers 'conflict'). */
export class BookConflict extends Error {}

/**
 * Books and their entries in the plug-in's tables. An entry's fields are stored as JSON
 * (checked again with the model's schema when read); a folder's password is sealed and is
 * opened only for delivery and export, never for the editor.
 */
export class BooksRepository {
  constructor(
    private readonly db: PluginDatabase,
    private readonly secrets: SecretStore,
  ) {}

  list(): Book[] {
    const rows = this.db.prepare<[], BookRow>('SELECT * FROM addressbook_books ORDER BY name COLLATE NOCASE').all();
    const counts = this.db.prepare<[], { book_id: number; kind: EntryKind; n: number; one_touch: number }>(
      "SELECT book_id, kind, count(*) AS n, sum(json_extract(body, '$.oneTouch') IS NOT NULL) AS one_touch FROM addressbook_entries GROUP BY book_id, kind",
    ).all();
    return rows.map((row) => this.toBook(row, counts.filter((c) => c.book_id === row.id)));
  }

  get(id: number): Book | null {
    const row = this.db.prepare<[number], BookRow>('SELECT * FROM addressbook_books WHERE id = ?').get(id);
    if (!row) return null;
    const counts = this.db.prepare<[number], { book_id: number; kind: EntryKind; n: number; one_touch: number }>(
      "SELECT book_id, kind, count(*) AS n, sum(json_extract(body, '$.oneTouch') IS NOT NULL) AS one_touch FROM addressbook_entries WHERE book_id = ? GROUP BY kind",
    ).all(id);
    return this.toBook(row, counts);
  }

  findByName(name: string): Book | null {
    const row = this.db.prepare<[string], { id: number }>('SELECT id FROM addressbook_books WHERE name = ? COLLATE NOCASE').get(name);
    return row ? this.get(row.id) : null;
  }

  create(input: { name: string; description: string; source: Book['source'] }, by: string | null, at: number): number {
    try {
      return Number(
        this.db
          .prepare('INSERT INTO addressbook_books (name, description, source_kind, source_label, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(input.name, input.description, input.source.kind, input.source.label, at, at, by).lastInsertRowid,
      );
    } catch (error) {
      throw unique(error, `a book named "${input.name}" exists already`);
    }
  }

  update(id: number, change: { name?: string; description?: string; source?: Book['source'] }, by: string | null, at: number): void {
    const book = this.get(id);
    if (!book) return;
    try {
      this.db
        .prepare('UPDATE addressbook_books SET name = ?, description = ?, source_kind = ?, source_label = ?, updated_at = ?, updated_by = ? WHERE id = ?')
        .run(change.name ?? book.name, change.description ?? book.description, change.source?.kind ?? book.source.kind, change.source?.label ?? book.source.label, at, by, id);
    } catch (error) {
      throw unique(error, `a book named "${change.name ?? ''}" exists already`);
    }
  }

  touch(id: number, by: string | null, at: number): void {
    this.db.prepare('UPDATE addressbook_books SET updated_at = ?, updated_by = ? WHERE id = ?').run(at, by, id);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM addressbook_books WHERE id = ?').run(id);
  }

  /** The entries by number; with `withPasswords` a folder's password is opened (delivery, export), else it reads as null and `passwordSet` says whether one is stored. */
  entries(bookId: number, options: { withPasswords?: boolean } = {}): (StoredEntry & { passwordSet: boolean })[] {
    const rows = this.db.prepare<[number], EntryRow>('SELECT id, number, kind, body, password FROM addressbook_entries WHERE book_id = ? ORDER BY number').all(bookId);
    return rows.map((row) => {
      const entry = addressEntrySchema.parse({ ...(JSON.parse(row.body) as object), number: row.number, kind: row.kind });
      const password = entry.kind === 'folder' && options.withPasswords && row.password !== null ? this.secrets.open(row.password) : null;
      const withPassword = entry.kind === 'folder' ? { ...entry, password } : entry;
      return { ...withPassword, id: row.id, passwordSet: row.password !== null };
    });
  }

  /** Adds or replaces one entry (`id` given: that row). A folder's password: a string seals it, null keeps the stored one unless `clearPassword`; an entry of another kind keeps none. */
  saveEntry(bookId: number, entry: AddressEntry, id: number | null, options: { clearPassword?: boolean } = {}): number {
    const { body, password } = this.encode(entry);
    try {
      if (id === null) {
        return Number(this.db.prepare('INSERT INTO addressbook_entries (book_id, number, kind, name, body, password) VALUES (?, ?, ?, ?, ?, ?)').run(bookId, entry.number, entry.kind, entry.name, body, password).lastInsertRowid);
      }
      const keep = entry.kind === 'folder' && password === null && !options.clearPassword;
      this.db
        .prepare(`UPDATE addressbook_entries SET number = ?, kind = ?, name = ?, body = ?${keep ? '' : ', password = ?'} WHERE id = ? AND book_id = ?`)
        .run(...[entry.number, entry.kind, entry.name, body, ...(keep ? [] : [password]), id, bookId]);
      return id;
    } catch (error) {
      throw unique(error, `entry number ${entry.number} is taken in this book`);
    }
  }

  removeEntries(bookId: number, ids: readonly number[]): number {
    const remove = this.db.prepare('DELETE FROM addressbook_entries WHERE id = ? AND book_id = ?');
    let removed = 0;
    for (const id of ids) removed += remove.run(id, bookId).changes;
    return removed;
  }

  /** Applies an import plan in one transaction: removals first (replace), then updates, then additions. */
  apply(bookId: number, plan: ImportPlan): void {
    this.db.transaction(() => {
      this.removeEntries(bookId, plan.remove);
      for (const { id, entry } of plan.update) this.saveEntry(bookId, entry, id);
      for (const entry of plan.add) this.saveEntry(bookId, entry, null);
    })();
  }

  /** Runs `work` in one transaction (a failure leaves the book as it was). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private encode(entry: AddressEntry): { body: string; password: string | null } {
    const { number: _number, kind: _kind, ...rest } = entry;
    if (entry.kind === 'folder') {
      const { password, ...fields } = rest as typeof rest & { password: string | null };
      return { body: JSON.stringify(fields), password: password === null ? null : this.secrets.seal(password) };
    }
    return { body: JSON.stringify(rest), password: null };
  }

  private toBook(row: BookRow, counts: readonly { kind: EntryKind; n: number; one_touch: number }[]): Book {
    const byKind = Object.fromEntries(ENTRY_KINDS.map((k) => [k, counts.find((c) => c.kind === k)?.n ?? 0])) as Record<EntryKind, number>;
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      entries: counts.reduce((sum, c) => sum + c.n, 0),
      byKind,
      oneTouch: counts.reduce((sum, c) => sum + c.one_touch, 0),
      source: { kind: row.source_kind, label: row.source_label },
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }
}

function unique(error: unknown, message: string): unknown {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message) ? new BookConflict(message) : error;
}
