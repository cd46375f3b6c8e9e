import { z } from 'zod';
import { change, view } from '../../auth/access';
import { taskTargetsSchema } from '../../contract/tasks.contract';
import { method } from '../../rpc/contract-builder';
import { addressEntrySchema, bookProblemSchema, emailEntrySchema, ENTRY_KINDS, faxEntrySchema, folderEntrySchema, groupEntrySchema, ifaxEntrySchema } from './address-entry';
import { directoryConnectionInputSchema, directoryConnectionSchema, directoryTestResultSchema } from './directory-connection';

/**
 * The address book plug-in's contract (issue 11), mounted at "addressbook.<service>.<method>".
 * Two functions of the permission matrix: the books themselves (edit, import, export, fetch,
 * deliver) and the directory connections (which hold bind passwords).
 */
export const ADDRESSBOOK_PLUGIN_ID = 'addressbook';
export const BOOKS_FUNCTION = 'addressbook.books';
export const DIRECTORIES_FUNCTION = 'addressbook.directories';

const id = z.number().int().positive();

export const BOOK_FILE_FORMATS = ['ldif', 'abk', 'canon-csv', 'csv'] as const;
export type BookFileFormat = (typeof BOOK_FILE_FORMATS)[number];
export const BOOK_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;
export type BookEncoding = (typeof BOOK_ENCODINGS)[number];
export const IMPORT_MODES = ['add', 'update', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** What "update" matches an imported entry with: its number, its name, or its destination (mail address, fax number, folder). */
export const MATCH_KEYS = ['number', 'name', 'destination'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
export const DELIVERY_MODES = ['append', 'replace'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** An entry as the console shows it: never a password, only whether one is stored. */
const withoutPassword = folderEntrySchema.omit({ password: true }).extend({ passwordSet: z.boolean() });
export const entryViewSchema = z.discriminatedUnion('kind', [emailEntrySchema, faxEntrySchema, ifaxEntrySchema, withoutPassword, groupEntrySchema]).and(z.object({ id }));
export type EntryView = z.infer<typeof entryViewSchema>;

/** An entry to save: the model's fields; a folder's password left out keeps the stored one, null clears it, a text replaces it. */
export const entryInputSchema = z.discriminatedUnion('kind', [emailEntrySchema, faxEntrySchema, ifaxEntrySchema, folderEntrySchema.extend({ password: z.string().max(256).nullable().optional() }), groupEntrySchema]);
export type EntryInput = z.input<typeof entryInputSchema>;

export const bookSourceSchema = z.object({ kind: z.enum(['manual', 'file', 'directory', 'device']), label: z.string() });
export const bookSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  entries: z.number().int(),
  byKind: z.record(z.enum(ENTRY_KINDS), z.number().int()),
  oneTouch: z.number().int(),
  source: bookSourceSchema,
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type Book = z.infer<typeof bookSchema>;

const bookName = z.string().trim().min(1, 'a book needs a name').max(80);

/** Where an import reads from: a file (bytes in base64) or a saved directory connection. */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    fileName: z.string().max(255),
    /** The file's bytes, base64 (at most 20 MB). */
    content: z.string().max(28_000_000),
    /** Detected from the name and content when absent. */
    format: z.enum(BOOK_FILE_FORMATS).optional(),
    /** Detected where certain when absent (BOM, valid UTF-8, a Canon CharSet line). */
    encoding: z.enum(BOOK_ENCODINGS).optional(),
    /** Generic CSV: which column holds what (header names); detected from common headers when absent. */
    columns: z.record(z.string(), z.string().max(128)).optional(),
  }),
  z.object({ kind: z.literal('directory'), connectionId: id }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

/** Into which book: an existing one, or a new one (named). */
export const importTargetSchema = z.union([z.object({ bookId: id }), z.object({ newBookName: bookName })]);

const importRequest = z.object({ source: importSourceSchema, target: importTargetSchema, mode: z.enum(IMPORT_MODES).default('add'), matchBy: z.enum(MATCH_KEYS).default('destination') });

export const importPreviewSchema = z.object({
  format: z.string(),
  encoding: z.string(),
  encodingCertain: z.boolean(),
  /** The book name the file names (Canon SubAddressBookName), if any. */
  bookName: z.string().nullable(),
  read: z.number().int(),
  byKind: z.record(z.enum(ENTRY_KINDS), z.number().int()),
  /** What importing would do to the target book. */
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  /** The first entries read (up to 20). */
  first: z.array(addressEntrySchema.and(z.object({ passwordSet: z.boolean().optional() }))),
  /** Every problem with its line; an import with problems imports nothing. */
  problems: z.array(bookProblemSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** Per target device: where its book goes and how many entries fit. */
export const deliveryPlanSchema = z.object({
  deviceId: id,
  label: z.string(),
  /** "ricoh-udirectory" (delivered over the network) or null (file hand-off). */
  adapter: z.string().nullable(),
  /** The format a file hand-off uses for this vendor. */
  handoffFormat: z.enum(BOOK_FILE_FORMATS),
  limit: z.number().int().nullable(),
  oneTouchLimit: z.number().int().nullable(),
  entries: z.number().int(),
  /** Entries beyond the device's limit, which would not be delivered. */
  over: z.number().int(),
  loginStored: z.boolean(),
});
export type DeliveryPlan = z.infer<typeof deliveryPlanSchema>;

export const deviceTestSchema = z.object({ ok: z.boolean(), step: z.string(), message: z.string() });

/** How the console reaches devices' web services (simulated fleets answer on other ports). */
export const deviceAccessSchema = z.object({
  useTls: z.boolean(),
  httpsPort: z.number().int().min(1).max(65_535),
  httpPort: z.number().int().min(1).max(65_535),
  /** Devices usually have self-signed certificates. */
  allowSelfSigned: z.boolean(),
});
export type DeviceAccess = z.infer<typeof deviceAccessSchema>;

export const addressbookContract = {
  books: {
    list: method(z.object({}), z.object({ books: z.array(bookSchema) }), 'Every address book with its counts, by name.', view(BOOKS_FUNCTION)),
    create: method(z.object({ name: bookName, description: z.string().max(300).default('') }), bookSchema, "A new empty book; 'conflict' when the name is taken.", change(BOOKS_FUNCTION)),
    update: method(z.object({ id, name: bookName.optional(), description: z.string().max(300).optional() }), bookSchema, "Renames or re-describes a book; 'not-found', 'conflict'.", change(BOOKS_FUNCTION)),
    remove: method(z.object({ id }), z.object({}), 'Deletes a book and its entries; an unknown id is no error.', change(BOOKS_FUNCTION)),
    entries: method(z.object({ bookId: id }), z.object({ entries: z.array(entryViewSchema) }), "Every entry of a book by number (passwords never); 'not-found'.", view(BOOKS_FUNCTION)),
    saveEntry: method(
      z.object({ bookId: id, entryId: id.optional(), entry: entryInputSchema }),
      entryViewSchema,
      "Adds (no entryId) or changes one entry, checked per kind (mail syntax, fax digits, required fields); 'conflict' when its number is taken, 'invalid-argument' naming the field; a group's members must exist.",
      change(BOOKS_FUNCTION),
    ),
    removeEntries: method(z.object({ bookId: id, entryIds: z.array(id).min(1).max(100_000) }), z.object({ removed: z.number().int() }), 'Deletes entries (and drops them from groups).', change(BOOKS_FUNCTION)),
    previewImport: method(importRequest, importPreviewSchema, 'Reads a file or a directory and says what importing it would do, with every problem and its line; changes nothing.', change(BOOKS_FUNCTION)),
    import: method(
      importRequest,
      z.object({ book: bookSchema, added: z.number().int(), updated: z.number().int(), removed: z.number().int(), unchanged: z.number().int() }),
      "Imports in one transaction: add, update (matched by the key) or replace. Any problem imports nothing: 'invalid-argument' with every problem and its line in details.problems.",
      change(BOOKS_FUNCTION),
    ),
    export: method(
      z.object({ bookId: id, format: z.enum(BOOK_FILE_FORMATS), encoding: z.enum(BOOK_ENCODINGS).optional() }),
      z.object({ fileName: z.string(), content: z.string(), entries: z.number().int() }),
      'The book as a file (base64): .abk, LDIF, Canon CSV or generic CSV (UTF-8 with BOM); spreadsheet formulas in CSV cells are neutralised. Folder passwords are in the file only for users who may change books.',
      view(BOOKS_FUNCTION),
    ),
    plan: method(z.object({ bookId: id, targets: taskTargetsSchema }), z.object({ devices: z.array(deliveryPlanSchema) }), 'Per target device: adapter or file hand-off, its limits, how many entries would not fit, whether a login is stored.', view(BOOKS_FUNCTION)),
    deliver: method(
      z.object({ bookId: id, targets: taskTargetsSchema, mode: z.enum(DELIVERY_MODES).default('append') }),
      z.object({ executionId: id, taskId: id }),
      'Delivers the book to the devices now, as an execution (progress, per-device outcome: delivered N, reception restriction on, N over the limit, authentication failed, not reached). Saved, scheduled deliveries are tasks of kind addressbook.deliver.',
      change(BOOKS_FUNCTION),
    ),
    fetch: method(
      z.object({ deviceId: id, target: importTargetSchema }),
      z.object({ executionId: id, taskId: id }),
      "Reads a device's book into a book (replacing its entries) now, as an execution; the editor opens it when it ends.",
      change(BOOKS_FUNCTION),
    ),
    handoff: method(
      z.object({ bookId: id, deviceId: id }),
      z.object({ fileName: z.string(), content: z.string(), format: z.enum(BOOK_FILE_FORMATS), steps: z.array(z.string()) }),
      "For a device without a remote address book service: the book in its vendor's format (folder passwords only for users who may change books) and the steps to import it on the device; 'not-found'.",
      view(BOOKS_FUNCTION),
    ),
    testDevice: method(z.object({ deviceId: id }), deviceTestSchema, "Signs in to the device's address book service with the vault's administrator login and signs out; says which step failed.", change(BOOKS_FUNCTION)),
    getDeviceAccess: method(z.object({}), deviceAccessSchema, 'How devices’ web services are reached (TLS, ports).', view(BOOKS_FUNCTION)),
    setDeviceAccess: method(
      deviceAccessSchema,
      deviceAccessSchema,
      "Changes how devices' web services are reached. An environment setting: plain HTTP would send the vault's administrator logins unencrypted.",
      change('environment'),
    ),
  },
  directories: {
    list: method(z.object({}), z.object({ connections: z.array(directoryConnectionSchema.extend({ id })) }), 'Saved directory connections (never a password).', view(DIRECTORIES_FUNCTION)),
    save: method(
      z.object({ id: id.optional(), connection: directoryConnectionInputSchema }),
      directoryConnectionSchema.extend({ id }),
      "Adds (no id) or changes a connection; the password is sealed (left out: kept); 'conflict' when the name is taken.",
      change(DIRECTORIES_FUNCTION),
    ),
    remove: method(z.object({ id }), z.object({}), 'Deletes a connection; an unknown id is no error.', change(DIRECTORIES_FUNCTION)),
    test: method(
      z.object({ id: id.optional(), connection: directoryConnectionInputSchema.optional() }),
      directoryTestResultSchema,
      'Tests a saved connection, or unsaved settings (with the saved password when left out): connect, TLS, bind, base, a first page with a sample.',
      change(DIRECTORIES_FUNCTION),
    ),
  },
};
export type AddressbookContract = typeof addressbookContract;

/** Task kinds of the plug-in and their params. */
export const deliverParamsSchema = z.object({ bookId: id, mode: z.enum(DELIVERY_MODES).default('append') });
export const fetchParamsSchema = z.object({ deviceId: id, bookId: id });
/** Nightly directory → devices: re-import a connection into a book, then deliver the book to the task's targets. */
export const syncParamsSchema = z.object({ connectionId: id, bookId: id, mode: z.enum(IMPORT_MODES).default('replace'), matchBy: z.enum(MATCH_KEYS).default('destination'), delivery: z.enum(DELIVERY_MODES).default('replace') });
export const ADDRESSBOOK_TASK_KINDS = { deliver: 'addressbook.deliver', fetch: 'addressbook.fetch', sync: 'addressbook.sync' } as const;
