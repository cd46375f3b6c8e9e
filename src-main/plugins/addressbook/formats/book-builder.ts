import type { z } from 'zod';
import {
  addressEntrySchema,
  ENTRY_NUMBER_MAX,
  type AddressEntry,
  type BookProblem,
  type ParsedBook,
} from '../../../../src-shared/plugins/addressbook/address-entry';

/**
 * What every reader produces before checking: one entry as the file gives it, where it is, and
 * what the file calls its fields (so a problem names the column or attribute the person sees).
 */
export interface EntryDraft {
  /** 1-based line of the record (a CSV row's first line, an LDIF record's dn line). */
  line: number;
  /** The entry number the file gives, or null for "the next free one". */
  number: number | null;
  /** The entry without its number, as `addressEntrySchema` takes it (unchecked). */
  fields: Record<string, unknown>;
  /** The line of a field when it differs from `line` (LDIF attributes each have their own). */
  fieldLines?: Partial<Record<string, number>>;
}

/** The file's name for a model field ("mailaddress" for address in Canon files); identity when absent. */
export type FieldLabels = Partial<Record<string, string>>;

/**
 * Checks drafts into entries: each is validated by `addressEntrySchema` (a zod issue becomes a
 * problem at the record's line naming the file's field), a number given twice is a problem at
 * the second, entries without a number get the lowest free numbers in file order, and every
 * group member must be an entry of the book. Never throws.
 */
export function buildEntries(drafts: readonly EntryDraft[], labels: FieldLabels = {}): { entries: AddressEntry[]; problems: BookProblem[] } {
  const problems: BookProblem[] = [];
  const usedBy = new Map<number, number>();
  for (const draft of drafts) {
    if (draft.number === null) continue;
    const first = usedBy.get(draft.number);
    if (first === undefined) usedBy.set(draft.number, draft.line);
    else problems.push({ line: draft.line, message: `${labels.number ?? 'number'}: entry number ${draft.number} is already used on line ${first}` });
  }
  let next = 1;
  const numbered = drafts.map((draft) => {
    if (draft.number !== null) return { draft, number: draft.number };
    while (usedBy.has(next)) next++;
    usedBy.set(next, draft.line);
    return { draft, number: next++ };
  });
  if (next > ENTRY_NUMBER_MAX + 1) problems.push({ line: drafts.at(-1)?.line ?? 0, message: `the book holds more entries than the highest entry number (${ENTRY_NUMBER_MAX.toLocaleString('en-US')})` });

  const entries: AddressEntry[] = [];
  const lineOf = new Map<number, number>();
  for (const { draft, number } of numbered) {
    const parsed = addressEntrySchema.safeParse({ ...draft.fields, number });
    if (parsed.success) {
      entries.push(parsed.data);
      lineOf.set(parsed.data.number, draft.line);
    } else {
      problems.push(...issuesToProblems(parsed.error.issues, draft, labels));
    }
  }
  const numbers = new Set(entries.map((e) => e.number));
  for (const entry of entries) {
    if (entry.kind !== 'group') continue;
    const missing = entry.members.filter((m) => !numbers.has(m));
    if (missing.length > 0) {
      problems.push({ line: lineOf.get(entry.number) ?? 0, message: `${labels.members ?? 'members'}: ${missing.length === 1 ? 'member' : 'members'} ${missing.join(', ')} of group "${entry.name}" ${missing.length === 1 ? 'is' : 'are'} not an entry of the book` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { entries, problems };
}

/** What a reader gathered, before the entries are checked. */
export interface ReadParts {
  drafts: readonly EntryDraft[];
  /** Problems the reader found itself (syntax, encoding, header). */
  problems: readonly BookProblem[];
  labels?: FieldLabels;
  encoding: string;
  encodingCertain: boolean;
  bookName: string | null;
  skipped?: number;
  notes?: readonly BookProblem[];
}

/** The ParsedBook of a read: entries checked by `buildEntries`, all problems in line order, and no entries when there is any problem. Never throws. */
export function finishBook(parts: ReadParts): ParsedBook {
  const built = buildEntries(parts.drafts, parts.labels);
  const problems = [...parts.problems, ...built.problems].sort((a, b) => a.line - b.line);
  return {
    entries: problems.length > 0 ? [] : built.entries,
    problems,
    encoding: parts.encoding,
    encodingCertain: parts.encodingCertain,
    bookName: parts.bookName,
    skipped: parts.skipped ?? 0,
    notes: [...(parts.notes ?? [])],
  };
}

function issuesToProblems(issues: readonly z.core.$ZodIssue[], draft: EntryDraft, labels: FieldLabels): BookProblem[] {
  // One problem per field: an empty fax number is "required", not also "holds digits".
  const firstPerField = issues.filter((issue, i) => issues.findIndex((other) => String(other.path[0]) === String(issue.path[0])) === i);
  return firstPerField.map((issue) => {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    const label = field === '' ? 'entry' : (labels[field] ?? field);
    const value = field === '' ? undefined : draft.fields[field];
    const shown = typeof value === 'string' && value !== '' && field !== 'password' ? ` ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")` : '';
    return { line: draft.fieldLines?.[field] ?? draft.line, message: `${label}: ${issue.message}${shown}` };
  });
}
