import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { BookProblem } from '../../../../src-shared/plugins/addressbook/address-entry';
import { neutraliseRows, restoreCell } from '../../../../src-shared/csv/csv-cell';

/**
 * CSV text as a header and rows with their lines, on top of csv-parse: the shared part of the
 * Canon and the generic CSV reader. csv-parse does the parsing; this adds what an import must
 * say: the line each row starts on, every row whose field count differs from the header's, and
 * the line an unclosed quote opened on (csv-parse notices it only at the end of the text).
 */

export interface CsvRow {
  /** 1-based line the row starts on (a quoted field may span lines). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: CsvRow | null;
  rows: CsvRow[];
  delimiter: CsvDelimiter;
  problems: BookProblem[];
}

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * Parses CSV text whose first non-empty row is the header. `firstLine` is the file line the text
 * starts on (when header comments were cut off before it). Empty lines are skipped; every cell
 * goes through `restoreCell` (the apostrophe our writers put before a formula start comes off).
 * A row with another field count than the header is a problem at its line and left out. A
 * syntax error stops the parse: one problem at the line where the broken field starts. Never throws.
 */
export function parseCsvTable(text: string, options: { firstLine?: number; delimiter?: CsvDelimiter } = {}): CsvTable {
  const offset = (options.firstLine ?? 1) - 1;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let rows: CsvRow[];
  try {
    rows = parseRows(text, delimiter, offset);
  } catch (error) {
    return { header: null, rows: [], delimiter, problems: [parseErrorProblem(error, text, delimiter, offset)] };
  }
  const [header, ...body] = rows;
  const problems: BookProblem[] = [];
  const kept: CsvRow[] = [];
  for (const row of body) {
    if (header !== undefined && row.cells.length !== header.cells.length) {
      problems.push({ line: row.line, message: `the row has ${row.cells.length} fields but the header has ${header.cells.length}` });
    } else {
      kept.push(row);
    }
  }
  return { header: header ?? null, rows: kept, delimiter, problems };
}

/**
 * The delimiter of the header line: the most frequent of comma, semicolon and tab outside
 * quotes (spreadsheets save with ";" where the decimal separator is a comma, "Unicode text" with
 * tabs); comma when there is none or a tie with it. Never throws.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** CSV text of the rows, every cell neutralised against formulas (`neutraliseCell`), lines ending in CRLF as spreadsheets write them. Never throws. */
export function writeCsvTable(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  return stringify(neutraliseRows(rows), { delimiter, record_delimiter: 'windows' });
}

/**
 * The rows (blank ones left out) with the lines they start on. csv-parse hands out a record's
 * line only through `on_record`, whose per-record context costs more than the parse itself; so
 * the lines come from one scan for record starts (`recordStartLines`), used when it finds as
 * many records as csv-parse did, and from `on_record` otherwise (a lone CR inside a field of a
 * CRLF file, which csv-parse keeps as text). Throws csv-parse's errors.
 */
function parseRows(text: string, delimiter: CsvDelimiter, offset: number): CsvRow[] {
  const records = parse(text, { delimiter, relax_column_count: true });
  const starts = recordStartLines(text, delimiter);
  const blank = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');
  if (starts.length === records.length) {
    const rows: CsvRow[] = [];
    records.forEach((cells, i) => {
      if (!blank(cells)) rows.push({ line: offset + (starts[i] ?? 0), cells: cells.map(restoreCell) });
    });
    return rows;
  }
  const rows: CsvRow[] = [];
  parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    // Gathered here: csv-parse's typings give records with their context only with `columns`.
    on_record: (record: string[], context) => {
      rows.push({ line: offset + startLine(context.lines, record), cells: record.map(restoreCell) });
      return null;
    },
  });
  return rows;
}

/** The line each record starts on, by csv-parse's rules (a quote opens a field only at its start, "" inside quotes, an empty line is a record). */
function recordStartLines(text: string, delimiter: string): number[] {
  const starts: number[] = [];
  const delimiterCode = delimiter.charCodeAt(0);
  let line = 1;
  let quoted = false;
  let fieldStart = true;
  let inRecord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inRecord) {
      starts.push(line);
      inRecord = true;
    }
    const lineBreak = c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
    if (quoted) {
      if (c === 34 && text.charCodeAt(i + 1) === 34) i++;
      else if (c === 34) quoted = false;
      else if (lineBreak) line++;
    } else if (lineBreak) {
      line++;
      inRecord = false;
      fieldStart = true;
    } else if (c === delimiterCode) {
      fieldStart = true;
    } else if (c !== 13) {
      quoted = c === 34 && fieldStart;
      fieldStart = false;
    }
  }
  return starts;
}

/** csv-parse gives the line a record ends on; the line breaks inside its (quoted) fields say how many lines before that it starts. */
function startLine(endLine: number, cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 10 || (c === 13 && cell.charCodeAt(i + 1) !== 10)) breaks++;
    }
  }
  return endLine - breaks;
}

function parseErrorProblem(error: unknown, text: string, delimiter: CsvDelimiter, offset: number): BookProblem {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const reported = error instanceof Error && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
  // A quote left open swallows the rest of the file: csv-parse then reports the end of the text
  // (or a later quote that cannot close it). The line to fix is where that quote opened.
  const open = openQuoteBefore(text, delimiter, code === 'CSV_QUOTE_NOT_CLOSED' ? Infinity : reported);
  if (open !== null) return { line: offset + open, message: 'a quoted field opens here and is never closed (a closing " is missing)' };
  const message = error instanceof Error ? error.message.replace(/^[\w ]+: /, '') : String(error);
  return { line: offset + reported, message: `the CSV cannot be read: ${message}` };
}

/**
 * The line of a quote that is still open when line `untilLine` starts (at the end of the text
 * for Infinity), or null. Follows csv-parse's defaults: a quote opens a field only at its very
 * start, "" inside quotes is a quote, CRLF, CR and LF end a line.
 */
function openQuoteBefore(text: string, delimiter: string, untilLine: number): number | null {
  let line = 1;
  let openedOn: number | null = null;
  let fieldStart = true;
  for (let i = 0; i < text.length && line < untilLine; i++) {
    const c = text.charAt(i);
    const lineBreak = c === '\n' || (c === '\r' && text.charAt(i + 1) !== '\n');
    if (openedOn !== null) {
      if (c === '"' && text.charAt(i + 1) === '"') i++;
      else if (c === '"') openedOn = null;
      else if (lineBreak) line++;
      fieldStart = false;
    } else if (lineBreak || c === delimiter) {
      if (lineBreak) line++;
      fieldStart = true;
    } else {
      if (c === '"' && fieldStart) openedOn = line;
      fieldStart = c === '\r' && fieldStart;
    }
  }
  return openedOn !== null && openedOn < untilLine ? openedOn : null;
}
