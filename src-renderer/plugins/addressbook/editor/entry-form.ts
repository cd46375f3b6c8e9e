import type { z } from 'zod';
import {
  addressEntrySchema,
  ENTRY_NUMBER_MAX,
  type EntryKind,
  type FolderProtocol,
  type IndexTag,
} from '../../../../src-shared/plugins/addressbook/address-entry';
import type { EntryInput, EntryView } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { flattenIssues } from '../../../../src-shared/rpc/schema-issues';
import type { AddressbookT } from '../addressbook-text';

/**
 * The entry dialog's draft and its translation into books.saveEntry: checked by the model's own
 * schema (mail syntax, fax digits, required fields per kind — the rules the server applies),
 * each problem worded in the UI language and placed under its field. A folder's password is
 * write-only: the draft knows only whether one is stored, and keeps, replaces or clears it.
 */

/** '' while a number field is empty. */
export type NumberDraft = number | '';

/** What Save does with a stored folder password. */
export type PasswordMode = 'keep' | 'replace' | 'clear';

export interface EntryDraft {
  kind: EntryKind;
  number: NumberDraft;
  name: string;
  reading: string;
  tags: IndexTag[];
  oneTouch: NumberDraft;
  /** Mail and internet fax. */
  address: string;
  faxNumber: string;
  subAddress: string;
  protocol: FolderProtocol;
  host: string;
  port: NumberDraft;
  path: string;
  user: string;
  passwordSet: boolean;
  passwordMode: PasswordMode;
  password: string;
  /** Group members by entry number. */
  members: number[];
}

export const ENTRY_FIELDS = ['number', 'name', 'reading', 'tags', 'oneTouch', 'address', 'faxNumber', 'subAddress', 'protocol', 'host', 'port', 'path', 'user', 'password', 'members', 'general'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** A problem, worded by entryProblemText. */
export type EntryProblem =
  | { key: 'required' | 'mail' | 'fax' | 'subAddress' | 'numberTaken' }
  | { key: 'range'; min: number; max: number }
  | { key: 'tooLong'; max: number }
  | { key: 'text'; text: string };

export type EntryProblems = Partial<Record<EntryField, EntryProblem>>;

export function emptyDraft(kind: EntryKind, number: number): EntryDraft {
  return {
    kind,
    number,
    name: '',
    reading: '',
    tags: [],
    oneTouch: '',
    address: '',
    faxNumber: '',
    subAddress: '',
    protocol: 'smb',
    host: '',
    port: '',
    path: '',
    user: '',
    passwordSet: false,
    passwordMode: 'replace',
    password: '',
    members: [],
  };
}

/** The draft of a saved entry (never its password: only whether one is stored). */
export function draftOf(entry: EntryView): EntryDraft {
  const draft: EntryDraft = { ...emptyDraft(entry.kind, entry.number), name: entry.name, reading: entry.reading, tags: [...entry.tags], oneTouch: entry.oneTouch ?? '' };
  switch (entry.kind) {
    case 'email':
    case 'ifax':
      return { ...draft, address: entry.address };
    case 'fax':
      return { ...draft, faxNumber: entry.faxNumber, subAddress: entry.subAddress };
    case 'folder':
      return {
        ...draft,
        protocol: entry.protocol,
        host: entry.host,
        port: entry.port ?? '',
        path: entry.path,
        user: entry.user,
        passwordSet: entry.passwordSet,
        passwordMode: entry.passwordSet ? 'keep' : 'replace',
      };
    case 'group':
      return { ...draft, members: [...entry.members] };
  }
}

const optionalNumber = (value: NumberDraft): number | null => (value === '' ? null : value);

/** The entry the draft describes, as books.saveEntry takes it (a kept password left out, a cleared one null). */
export function inputOf(draft: EntryDraft): EntryInput {
  // An empty number is sent as NaN so that the schema reports it under "number" (as required).
  const common = { number: draft.number === '' ? Number.NaN : draft.number, name: draft.name, reading: draft.reading.trim(), tags: draft.tags, oneTouch: optionalNumber(draft.oneTouch) };
  switch (draft.kind) {
    case 'email':
      return { ...common, kind: 'email', address: draft.address };
    case 'ifax':
      return { ...common, kind: 'ifax', address: draft.address };
    case 'fax':
      return { ...common, kind: 'fax', faxNumber: draft.faxNumber, subAddress: draft.subAddress };
    case 'folder': {
      const folder = { ...common, kind: 'folder' as const, protocol: draft.protocol, host: draft.host, port: optionalNumber(draft.port), path: draft.path.trim(), user: draft.user.trim() };
      switch (draft.passwordMode) {
        case 'keep':
          return folder;
        case 'clear':
          return { ...folder, password: null };
        case 'replace':
          return draft.password === '' && !draft.passwordSet ? folder : { ...folder, password: draft.password };
      }
      break;
    }
    case 'group':
      return { ...common, kind: 'group', members: draft.members };
  }
  return assertNever(draft.kind);
}

function assertNever(value: never): never {
  throw new Error(`unexpected kind ${String(value)}`);
}

function isField(value: unknown): value is EntryField {
  return typeof value === 'string' && (ENTRY_FIELDS as readonly string[]).includes(value);
}

type Issue = z.core.$ZodIssue;

/** A schema issue as a problem of its field, in words of our own (the schema's are English). */
function problemOf(field: EntryField, issue: Issue): EntryProblem {
  switch (issue.code) {
    case 'invalid_type':
      return { key: 'required' };
    case 'too_small':
      if (issue.origin === 'number') return { key: 'range', min: Number(issue.minimum), max: field === 'port' ? 65_535 : field === 'oneTouch' ? 9_999 : ENTRY_NUMBER_MAX };
      return { key: 'required' };
    case 'too_big':
      if (issue.origin === 'number') return { key: 'range', min: 1, max: Number(issue.maximum) };
      return { key: 'tooLong', max: Number(issue.maximum) };
    case 'invalid_format':
      if (field === 'address') return { key: 'mail' };
      if (field === 'faxNumber') return { key: 'fax' };
      if (field === 'subAddress') return { key: 'subAddress' };
      return { key: 'text', text: issue.message };
    default:
      return { key: 'text', text: issue.message };
  }
}

/** The problems of a draft: the schema's, and a number another entry of the book has. */
export function entryProblems(draft: EntryDraft, taken: ReadonlySet<number>): EntryProblems {
  const problems: EntryProblems = {};
  const parsed = addressEntrySchema.safeParse(inputOf(draft));
  if (!parsed.success) {
    for (const issue of flattenIssues(parsed.error.issues)) {
      const head = issue.path[0];
      const field: EntryField = isField(head) ? head : 'general';
      // An empty address is missing rather than malformed.
      const empty = (field === 'address' || field === 'faxNumber' || field === 'host') && draft[field].trim() === '';
      problems[field] ??= empty ? { key: 'required' } : problemOf(field, issue);
    }
  }
  if (draft.number !== '' && taken.has(draft.number)) problems.number ??= { key: 'numberTaken' };
  return problems;
}

/** A problem in the UI language. */
export function entryProblemText(tp: AddressbookT, problem: EntryProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.key) {
    case 'range':
      return tp('entry.errors.range', { min: problem.min, max: problem.max });
    case 'tooLong':
      return tp('entry.errors.tooLong', { max: problem.max });
    case 'text':
      return problem.text;
    default:
      return tp(`entry.errors.${problem.key}`);
  }
}

/**
 * The server's refusal placed under its field: the router's "entry.address: …" issues or a
 * message starting with a field path; else under `general`.
 */
export function serverEntryProblems(error: unknown): EntryProblems {
  const message = error instanceof Error ? error.message : String(error);
  const details = typeof error === 'object' && error !== null && 'details' in error ? error.details : undefined;
  const issues = typeof details === 'object' && details !== null && 'issues' in details && Array.isArray(details.issues) ? details.issues.filter((x): x is string => typeof x === 'string') : [];
  const problems: EntryProblems = {};
  for (const text of [...issues, message]) {
    const match = /^(?:entry\.)?([A-Za-z]+): ([\s\S]+)$/.exec(text);
    if (match?.[1] && match[2] && isField(match[1])) problems[match[1]] ??= { key: 'text', text: match[2] };
  }
  if (Object.keys(problems).length === 0) problems.general = { key: 'text', text: message };
  return problems;
}
