import { parse } from 'csv-parse/sync';
import { restoreCell } from '../../../../src-shared/csv/csv-cell';
import { clientInputSchema, type ClientSettings, type CsvProblem } from '../../../../src-shared/plugins/drivers/client-pc';

/** The columns of a client PC list; name and os are required, the others read when present. */
export const CLIENT_CSV_COLUMNS = ['name', 'os', 'address', 'site'] as const;
type Column = (typeof CLIENT_CSV_COLUMNS)[number];

/** OS words people write, to the set's OS. */
const OS_WORDS: Readonly<Record<string, ClientSettings['os']>> = {
  windows: 'windows',
  win: 'windows',
  win10: 'windows',
  win11: 'windows',
  macos: 'macos',
  mac: 'macos',
  osx: 'macos',
  'os x': 'macos',
  linux: 'linux',
};

export interface ParsedClients {
  clients: (ClientSettings & { line: number })[];
  problems: CsvProblem[];
}

/**
 * csv-parse gives the line a record ends on; the line breaks inside its (quoted) fields say how
 * many lines before that it starts — the approach of the address book's csv-table.ts (which a
 * plug-in may not import from another plug-in).
 */
function startLine(endLine: number, cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 10 || (c === 13 && cell.charCodeAt(i + 1) !== 10)) breaks++;
    }
  }
  return endLine - breaks;
}

function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return (first.match(/;/g) ?? []).length > (first.match(/,/g) ?? []).length ? ';' : ',';
}

/**
 * Reads a client PC list: a header row (columns in whatever order and case), then one PC a line. Every problem
 * is collected with its line (not only the first), so a person fixes the file in one go; the
 * caller imports nothing when there is one. Cells neutralised by an export ("'=…") are restored.
 */
export function parseClientCsv(text: string): ParsedClients {
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      on_record: (record: string[], context) => {
        lines.push(startLine(context.lines, record));
        return record;
      },
    });
  } catch (error) {
    const line = error instanceof Error && 'lines' in error && typeof error.lines === 'number' ? error.lines : 1;
    return { clients: [], problems: [{ line, message: `not readable as CSV: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { clients: [], problems: [{ line: 1, message: 'the file is empty; expected a header row: name,os,address,site' }] };
  const index = new Map<Column, number>();
  const problems: CsvProblem[] = [];
  header.forEach((cell, i) => {
    const column = CLIENT_CSV_COLUMNS.find((c) => c === cell.toLowerCase());
    if (column === undefined) return;
    if (index.has(column)) problems.push({ line: lines[0] ?? 1, message: `the column "${column}" appears twice in the header` });
    index.set(column, i);
  });
  for (const required of ['name', 'os'] as const) {
    if (!index.has(required)) problems.push({ line: lines[0] ?? 1, message: `the header has no "${required}" column (found: ${header.map((h) => `"${h}"`).join(', ')}; columns: ${CLIENT_CSV_COLUMNS.join(', ')})` });
  }
  if (problems.length > 0) return { clients: [], problems };
  const clients: ParsedClients['clients'] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = lines[i + 1] ?? i + 2;
    const cell = (column: Column): string => {
      const at = index.get(column);
      return at === undefined ? '' : restoreCell(row[at] ?? '');
    };
    const osWord = cell('os').toLowerCase();
    const parsed = clientInputSchema.safeParse({ name: cell('name'), os: OS_WORDS[osWord] ?? osWord, address: cell('address'), site: cell('site') });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      const message = field === 'os' ? `os "${cell('os')}" is not windows, macos or linux` : `${field}: ${issue?.message ?? 'invalid'}`;
      problems.push({ line, message });
      return;
    }
    const key = parsed.data.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, message: `"${parsed.data.name}" is listed already on line ${earlier}` });
      return;
    }
    seen.set(key, line);
    clients.push({ ...parsed.data, line });
  });
  if (rows.length === 0) problems.push({ line: (lines[0] ?? 1) + 1, message: 'the file has a header but no client PCs' });
  return { clients: problems.length > 0 ? [] : clients, problems };
}
