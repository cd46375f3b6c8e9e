import type { BookProblem } from '../../../../src-shared/plugins/addressbook/address-entry';

/**
 * The line reader of LDIF (RFC 2849) content files, shared by directory LDIF and Canon's
 * LDIF-shaped .abk. Written by hand: npm has no maintained LDIF parser in TypeScript (the
 * ones there are unmaintained, or parse into their own entry classes without line numbers),
 * and what we need is small: records, folded lines, base64 values, comments, each with its
 * line so that every problem can say where it is.
 */

/** One `attribute: value` line (after unfolding). */
export interface LdifValue {
  /** The attribute description as written (options included: `displayName;lang-ja`). */
  name: string;
  /** The value; '' for a binary value (see `binary`). */
  value: string;
  /** 1-based line where the value starts. */
  line: number;
  /** True for a base64 value that is not UTF-8 text (a photo, a GUID): there is no text to use. */
  binary: boolean;
}

/** A content record: its dn, the line of that dn, and its values in file order (dn not repeated). */
export interface LdifRecord {
  dn: string;
  line: number;
  values: LdifValue[];
}

/** A `#` comment (folded comments joined), without the `#` and the space after it. */
export interface LdifComment {
  text: string;
  line: number;
}

export interface LdifDocument {
  records: LdifRecord[];
  comments: LdifComment[];
  problems: BookProblem[];
}

/** A logical line: physical lines joined by unfolding, and where it started. */
interface LogicalLine {
  text: string;
  line: number;
  comment: boolean;
}

const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)*)(?:;[A-Za-z0-9-]+)*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads LDIF content: an optional `version: 1` first, `#` comments, records separated by blank
 * lines, each starting with `dn:`; a line starting with one space continues the previous line.
 * Refused with a problem at their line: a continuation with nothing before it, a line that is
 * not `attribute: value`, bad base64, `attr:< URL` values (we never read files or URLs named by
 * an import), change records (`changetype:`), other LDIF versions. A refused record is left
 * out; the caller imports nothing when there are problems. `dnFirst: false` (Canon's .abk,
 * whose records start with `subdbid:`) takes the record's `dn:` wherever it stands. Never throws.
 */
export function readLdif(text: string, options: { dnFirst?: boolean } = {}): LdifDocument {
  const problems: BookProblem[] = [];
  const comments: LdifComment[] = [];
  const groups = logicalLines(text, problems, comments);
  const records: LdifRecord[] = [];
  groups.forEach((group, index) => {
    let lines = group;
    const first = lines[0];
    if (index === 0 && first && /^version:/i.test(first.text)) {
      const version = first.text.slice('version:'.length).trim();
      if (version !== '1') problems.push({ line: first.line, message: `LDIF version ${version} is not supported (only version: 1)` });
      lines = lines.slice(1);
    }
    const record = readRecord(lines, problems, options.dnFirst ?? true);
    if (record) records.push(record);
  });
  return { records, comments, problems };
}

/** Splits into records (groups of logical lines between blank lines), unfolding and taking comments out. */
function logicalLines(text: string, problems: BookProblem[], comments: LdifComment[]): LogicalLine[][] {
  const groups: LogicalLine[][] = [];
  const commentLines: LogicalLine[] = [];
  let group: LogicalLine[] = [];
  let last: LogicalLine | null = null;
  const physical = text.split('\n');
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith(' ')) {
      if (last !== null) last.text += line.slice(1);
      // A line of spaces after a blank line carries nothing: taken as blank, as editors leave them.
      else if (line.trim() !== '') problems.push({ line: i + 1, message: 'a continuation line (starting with a space) with no line before it to continue' });
      continue;
    }
    if (line === '') {
      if (group.length > 0) groups.push(group);
      group = [];
      last = null;
      continue;
    }
    last = { text: line, line: i + 1, comment: line.startsWith('#') };
    (last.comment ? commentLines : group).push(last);
  }
  if (group.length > 0) groups.push(group);
  comments.push(...commentLines.map((c) => ({ text: c.text.replace(/^# ?/, ''), line: c.line })));
  return groups;
}

function readRecord(lines: readonly LogicalLine[], problems: BookProblem[], dnFirst: boolean): LdifRecord | null {
  const first = lines[0];
  if (first === undefined) return null;
  const values: LdifValue[] = [];
  let ok = true;
  for (const line of lines) {
    const value = readValue(line, problems);
    if (value === null) ok = false;
    else values.push(value);
  }
  const dn = dnFirst ? values[0] : values.find((v) => v.name.toLowerCase() === 'dn');
  if (dn === undefined || dn.name.toLowerCase() !== 'dn') {
    if (ok) problems.push({ line: first.line, message: dnFirst ? `a record must start with "dn:" (found "${first.text.slice(0, 40)}")` : 'the record has no "dn:" (its entry number)' });
    return null;
  }
  const change = values.find((v) => v.name.toLowerCase() === 'changetype' || v.name.toLowerCase() === 'control');
  if (change) {
    problems.push({ line: change.line, message: `change records (${change.name}: ${change.value}) are not supported: export the entries as content records (plain "dn:" and attributes)` });
    return null;
  }
  if (dn.binary) {
    problems.push({ line: dn.line, message: 'the dn is base64 but not UTF-8 text' });
    return null;
  }
  return ok ? { dn: dn.value, line: dnFirst ? dn.line : first.line, values: values.filter((v) => v !== dn) } : null;
}

function readValue(line: LogicalLine, problems: BookProblem[]): LdifValue | null {
  const colon = line.text.indexOf(':');
  const name = colon < 0 ? '' : line.text.slice(0, colon);
  if (colon < 0 || !ATTRIBUTE.test(name)) {
    problems.push({ line: line.line, message: `expected "attribute: value" (found "${line.text.slice(0, 40)}")` });
    return null;
  }
  const rest = line.text.slice(colon + 1);
  if (rest.startsWith(':')) {
    const encoded = rest.slice(1).trim();
    if (!BASE64.test(encoded)) {
      problems.push({ line: line.line, message: `${name}: the value after "::" is not valid base64` });
      return null;
    }
    const bytes = Buffer.from(encoded, 'base64');
    try {
      return { name, value: strictUtf8.decode(bytes), line: line.line, binary: false };
    } catch {
      return { name, value: '', line: line.line, binary: true };
    }
  }
  if (rest.startsWith('<')) {
    problems.push({ line: line.line, message: `${name}: values read from a URL ("${name}:< …") are not supported; put the value in the file` });
    return null;
  }
  return { name, value: rest.replace(/^ +/, ''), line: line.line, binary: false };
}
