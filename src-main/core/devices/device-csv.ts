import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutraliseRows, restoreCell } from '../../../src-shared/csv/csv-cell';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { parseHostPort, parsePort } from '../../../src-shared/net/host-port';
import { AppError } from '../../../src-shared/rpc/app-error';

/** The columns of a device list export, in order; an import needs `address` and reads the rest when present. */
export const CSV_COLUMNS = ['name', 'address', 'port', 'vendor', 'model', 'serial', 'mac', 'location'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One device of an import, checked. */
export interface CsvDevice {
  /** 1-based line of the CSV text the row ends on (its only line unless a quoted field spans lines). */
  line: number;
  address: string;
  port: number;
  name: string | null;
  vendor: string | null;
  model: string | null;
  location: string | null;
}

const MAX_TEXT = 200;

/**
 * The devices as CSV text with a header row; a device's own name is exported when none was
 * given. Device text is whatever the device or a person set (a sysName of "=HYPERLINK(…)"):
 * cells a spreadsheet would run are neutralised, and parseDeviceCsv takes that back off. Never throws.
 */
export function devicesToCsv(devices: readonly DeviceSummary[]): string {
  const rows = devices.map((d) => [d.name ?? '', d.address, String(d.port), d.identity.vendor ?? '', d.identity.model ?? '', d.identity.serial ?? '', d.identity.mac ?? '', d.identity.location ?? '']);
  return stringify([[...CSV_COLUMNS], ...neutraliseRows(rows)]);
}

/**
 * Parses and checks a device list. The first non-empty line is the header (column names in
 * any order and case; unknown columns are ignored, `address` is required). An address may
 * carry its port ("10.0.0.5:1161"); a port column overrides 161. Throws
 * AppError('invalid-argument', 'line N: …', { line }) for the first bad line; nothing is
 * returned then, so nothing is imported. Serial and MAC are not taken from a list: a device's
 * own reading is the only authority on who it is (README).
 */
export function parseDeviceCsv(text: string): CsvDevice[] {
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (error) {
    // The parser notices an unclosed quote only at the end of the text: name the line it opened on.
    const opened = isCode(error, 'CSV_QUOTE_NOT_CLOSED') ? unclosedQuoteLine(text, delimiterOf(text)) : null;
    if (opened !== null) throw bad(opened, 'a quoted field opens here and is never closed (a closing " is missing)');
    const line = error instanceof Error && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
    throw bad(line, describeParseError(error));
  }
  const [header, ...rows] = records;
  if (header === undefined) throw bad(1, 'the CSV is empty; expected a header row naming the columns (address is required)');
  const index = columnIndex(header, lines[0] ?? 1);
  return rows.map((row, i) => toDevice(row, index, lines[i + 1] ?? i + 2));
}

function columnIndex(header: readonly string[], line: number): Map<CsvColumn, number> {
  const index = new Map<CsvColumn, number>();
  header.forEach((cell, i) => {
    const column = CSV_COLUMNS.find((c) => c === cell.toLowerCase());
    if (column === undefined) return;
    if (index.has(column)) throw bad(line, `the column "${column}" appears twice in the header`);
    index.set(column, i);
  });
  if (!index.has('address')) {
    throw bad(line, `the header has no "address" column (found: ${header.map((h) => `"${h}"`).join(', ')}; known columns: ${CSV_COLUMNS.join(', ')})`);
  }
  return index;
}

function toDevice(row: readonly string[], index: Map<CsvColumn, number>, line: number): CsvDevice {
  const cell = (column: CsvColumn): string => {
    const at = index.get(column);
    // An export's neutralised cell ("'=…") gives back the text that was exported.
    const value = at === undefined ? '' : restoreCell(row[at] ?? '');
    if (value.length > MAX_TEXT) throw bad(line, `${column} is longer than ${MAX_TEXT} characters`);
    return value;
  };
  const addressText = cell('address');
  if (addressText === '') throw bad(line, 'address is empty');
  let host: string;
  let port: number | null;
  try {
    ({ host, port } = parseHostPort(addressText));
    const portText = cell('port');
    if (portText !== '') {
      const column = parsePort(portText, `port ${portText}`);
      if (port !== null && port !== column) throw new RangeError(`the address says port ${port} but the port column says ${column}`);
      port = column;
    }
  } catch (error) {
    throw bad(line, error instanceof Error ? error.message : String(error));
  }
  const orNull = (column: CsvColumn): string | null => cell(column) || null;
  return { line, address: host, port: port ?? 161, name: orNull('name'), vendor: orNull('vendor'), model: orNull('model'), location: orNull('location') };
}

/** Spreadsheets in some locales save with ";" or tabs: the header line says which. */
function delimiterOf(text: string): string {
  const end = text.indexOf('\n');
  const header = end < 0 ? text : text.slice(0, end);
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  return header.includes('\t') ? '\t' : ',';
}

/**
 * The 1-based line where a quoted field opens that is never closed, or null when every quote
 * closes. Follows the parser's rules: a quote opens a field only at its start (after blanks, as
 * `trim` reads them); "" inside a quoted field is a quote; CRLF, CR and LF each end a line.
 */
function unclosedQuoteLine(text: string, delimiter: string): number | null {
  let line = 1;
  let openedOn: number | null = null;
  let fieldStart = true;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    const newline = char === '\n' || (char === '\r' && text.charAt(i + 1) !== '\n');
    if (openedOn !== null) {
      if (char === '"' && text.charAt(i + 1) === '"') i += 1;
      else if (char === '"') {
        openedOn = null;
        fieldStart = false;
      } else if (newline) line += 1;
    } else if (newline) {
      line += 1;
      fieldStart = true;
    } else if (char === delimiter) {
      fieldStart = true;
    } else if (char === '"' && fieldStart) {
      openedOn = line;
    } else if (char !== ' ' && char !== '\t' && char !== '\r') {
      fieldStart = false;
    }
  }
  return openedOn;
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function describeParseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const counts = /expect (\d+), got (\d+)/.exec(error.message);
  if ('code' in error && error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && counts) {
    return `the row has ${counts[2]} fields but the header has ${counts[1]}`;
  }
  return error.message;
}

function bad(line: number, reason: string): AppError {
  return new AppError('invalid-argument', `line ${line}: ${reason}`, { line });
}
