import { z } from 'zod';

/**
 * One destination of an address book (issue 11, whitepaper §3.4): the vendor-neutral model
 * every file format, directory import and device adapter converts to and from. Entries are
 * numbered like a device's book (Canon's `dn: 201`, Ricoh's `index`); groups name their
 * members by those numbers. Passwords of file destinations are plain text here and sealed
 * at rest by the plug-in's store; the contract never returns them.
 */
export const ENTRY_KINDS = ['email', 'fax', 'ifax', 'folder', 'group'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const FOLDER_PROTOCOLS = ['smb', 'ftp', 'webdav'] as const;
export type FolderProtocol = (typeof FOLDER_PROTOCOLS)[number];

/** Index tags a device shows as tabs: "frequent" and the title-1 buckets of the alphabet (Ricoh tagId 1–11). */
export const INDEX_TAGS = ['frequent', 'AB', 'CD', 'EF', 'GH', 'IJK', 'LMN', 'OPQ', 'RST', 'UVW', 'XYZ'] as const;
export type IndexTag = (typeof INDEX_TAGS)[number];

export const ENTRY_NUMBER_MAX = 99_999;

/** Mail syntax as MFPs accept it: one @, a dot in the domain, no spaces or angle brackets. */
export const MAIL_PATTERN = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:.]+$/;
/** Fax numbers as dialled: digits, with the pause/tone characters MFPs take (P, T, -, space, +, *, #). */
export const FAX_PATTERN = /^\+?[0-9][0-9PpTt\-* #]*$/;

const text = (max: number) => z.string().max(max);

const common = {
  /** Entry number in the book (1–99,999); unique per book. */
  number: z.number().int().min(1).max(ENTRY_NUMBER_MAX),
  name: z.string().trim().min(1, 'a name is required').max(128),
  /** Reading (furigana) used to sort and index Japanese names; empty when none. */
  reading: text(128).default(''),
  tags: z.array(z.enum(INDEX_TAGS)).max(INDEX_TAGS.length).default([]),
  /** One-touch button (1–n) or null. */
  oneTouch: z.number().int().min(1).max(9_999).nullable().default(null),
};

export const emailEntrySchema = z.object({ ...common, kind: z.literal('email'), address: z.string().trim().max(256).regex(MAIL_PATTERN, 'not a mail address') });
export const faxEntrySchema = z.object({
  ...common,
  kind: z.literal('fax'),
  faxNumber: z.string().trim().min(1, 'a fax number is required').max(64).regex(FAX_PATTERN, 'a fax number holds digits (and P, T, -, +, *, #)'),
  subAddress: z.string().trim().max(20).regex(/^[0-9#*]*$/, 'a sub-address holds digits only').default(''),
});
export const ifaxEntrySchema = z.object({ ...common, kind: z.literal('ifax'), address: z.string().trim().max(256).regex(MAIL_PATTERN, 'not a mail address') });
export const folderEntrySchema = z.object({
  ...common,
  kind: z.literal('folder'),
  protocol: z.enum(FOLDER_PROTOCOLS),
  host: z.string().trim().min(1, 'a host is required').max(255),
  port: z.number().int().min(1).max(65_535).nullable().default(null),
  path: text(255).default(''),
  user: text(128).default(''),
  /** Plain text in memory, sealed at rest; null: none stored. */
  password: z.string().max(256).nullable().default(null),
});
export const groupEntrySchema = z.object({ ...common, kind: z.literal('group'), members: z.array(z.number().int().min(1).max(ENTRY_NUMBER_MAX)).max(2_000).default([]) });

/** An entry as files, directories and devices produce it, checked per kind (required fields, mail syntax, fax digits). */
export const addressEntrySchema = z.discriminatedUnion('kind', [emailEntrySchema, faxEntrySchema, ifaxEntrySchema, folderEntrySchema, groupEntrySchema]);
export type AddressEntry = z.output<typeof addressEntrySchema>;
export type AddressEntryInput = z.input<typeof addressEntrySchema>;

/** The destination an entry sends to, as one comparable string (the "update by address" key). */
export function destinationOf(entry: AddressEntry): string {
  switch (entry.kind) {
    case 'email':
    case 'ifax':
      return entry.address.toLowerCase();
    case 'fax':
      return entry.faxNumber.replace(/[^0-9+]/g, '') + (entry.subAddress ? `#${entry.subAddress}` : '');
    case 'folder':
      return `${entry.protocol}://${entry.host.toLowerCase()}${entry.port === null ? '' : `:${entry.port}`}/${entry.path.replace(/^[\\/]+/, '')}`;
    case 'group':
      return `group:${entry.name}`;
  }
}

/** A problem in an input, with where it is (1-based line of the file, or the record's first line). */
export const bookProblemSchema = z.object({ line: z.number().int().min(0), message: z.string() });
export type BookProblem = z.infer<typeof bookProblemSchema>;

/** What a file or directory read gives: the entries, every problem with its line, and how it was read. A read with problems imports nothing. */
export interface ParsedBook {
  entries: AddressEntry[];
  problems: BookProblem[];
  /** The encoding used, and whether it was detected for certain (BOM or valid UTF-8 beyond ASCII) or assumed. */
  encoding: string;
  encodingCertain: boolean;
  /** Book name a file names in its header (Canon SubAddressBookName), when it does. */
  bookName: string | null;
  /** Records that hold no destination this read imports (a directory entry without mail or fax, a Canon IP fax entry): counted, not problems. Absent: none. */
  skipped?: number;
  /** What a person should know that does not stop the import (group members outside the file left out), with lines. Absent: none. */
  notes?: BookProblem[];
}
