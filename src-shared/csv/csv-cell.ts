/**
 * Cells of the CSV files the console writes and reads back. Pure: the core writes CSV today,
 * and a plug-in or the renderer that writes CSV uses the same rule.
 */

/** What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell neutraliseCell wrote: one added apostrophe before apostrophes and a formula start. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula. Every CSV the console writes passes its cells through this: such a cell gets a
 * leading apostrophe, which spreadsheets show as text. A cell that already starts with
 * apostrophes before such a character gets one more, so restoreCell gives back exactly the
 * text that was written. Never throws.
 */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) || NEUTRALISED.test(cell) ? `'${cell}` : cell;
}

/** The cell neutraliseCell was given: one leading apostrophe it added is removed; other cells are kept. Never throws. */
export function restoreCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** Every cell of every row neutralised (rows as csv-stringify takes them). */
export function neutraliseRows(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((row) => row.map(neutraliseCell));
}
