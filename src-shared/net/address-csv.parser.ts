/**
 * Reading a CSV file of search targets: one target per line, or a table whose header row names
 * an address column. Pure: the host reads the file and passes its text.
 */
import { AppError } from '../rpc/app-error';
import { parseAddressSpec, type AddressSpec } from './address-spec.parser';

/** One bad line of an address file; `line` counts from 1 as editors show it. */
export interface AddressFileProblem {
  line: number;
  text: string;
  message: string;
}

/**
 * Thrown when any line of an address file is bad. It lists every bad line, so a person fixes the
 * file in one go; an AppError ('invalid-argument') so the router reports it with its details.
 */
export class AddressFileError extends AppError {
  constructor(
    readonly fileName: string,
    readonly problems: AddressFileProblem[],
  ) {
    const count = problems.length === 1 ? '1 bad line' : `${problems.length} bad lines`;
    const lines = problems.map((p) => `line ${p.line}: ${p.message}`);
    super('invalid-argument', [`${fileName}: ${count}`, ...lines].join('\n'), { fileName, problems });
    this.name = 'AddressFileError';
  }
}

const ADDRESS_COLUMNS = new Set(['address', 'addresses', 'ip', 'ip address', 'ipaddress', 'host', 'hostname', 'host name']);

/**
 * Parses an address file: one target (or a list, range or network) per line, or a header row with
 * a column named address/ip/host whose cells are the targets. "#" starts a comment; blank lines
 * are skipped. Throws AddressFileError listing every bad line; returns nothing in that case.
 */
export function parseAddressCsv(text: string, fileName: string): AddressSpec[] {
  const specs: AddressSpec[] = [];
  const problems: AddressFileProblem[] = [];
  let table: TableLayout | null = null;
  let seenContent = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    try {
      if (!seenContent) {
        seenContent = true;
        table = findHeader(line);
        if (table !== null) continue;
      }
      // Without a header a line may hold a list; quotes are only CSV packaging, so they go first.
      const row = table === null ? parseAddressSpec(splitFields(line, ',').join(',')) : parseTableRow(line, table);
      specs.push(...row);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      problems.push({ line: index + 1, text: raw, message: error.message });
    }
  }
  if (problems.length > 0) throw new AddressFileError(fileName, problems);
  return specs;
}

interface TableLayout {
  column: number;
  delimiter: string;
}

function findHeader(line: string): TableLayout | null {
  // Spreadsheets in comma-decimal locales export ";"; tab-separated exports are common too.
  const delimiter = [',', ';', '\t'].find((candidate) => line.includes(candidate)) ?? ',';
  const column = splitFields(line, delimiter).findIndex((field) => ADDRESS_COLUMNS.has(field.trim().toLowerCase()));
  return column < 0 ? null : { column, delimiter };
}

function parseTableRow(line: string, table: TableLayout): AddressSpec[] {
  const fields = splitFields(line, table.delimiter);
  // A row of empty cells is how spreadsheets export a blank line.
  if (fields.every((field) => field.trim() === '')) return [];
  const cell = fields[table.column];
  if (cell === undefined) throw new RangeError(`the row has no address column (column ${table.column + 1})`);
  if (cell.trim() === '') throw new RangeError('the address column is empty');
  return parseAddressSpec(cell);
}

/** Splits one CSV line, honouring "quoted, fields" with "" as an escaped quote. */
function splitFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line.charAt(i + 1) === '"') {
        current += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        current += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === delimiter) {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) throw new RangeError('a quoted field is not closed');
  fields.push(current);
  return fields;
}

/** Cuts a "#" comment unless the "#" sits inside a quoted field (a description may contain one). */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (char === '"') quoted = !quoted;
    else if (char === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}
