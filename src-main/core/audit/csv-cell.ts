/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one)
 * as a formula. Every CSV the console writes passes its cells through this (OWASP "CSV
 * injection"): such a cell gets a leading apostrophe, which spreadsheets show as text.
 */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
