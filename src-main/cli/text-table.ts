import { visibleText } from '../../src-shared/domain/visible-text';

/** Columns padded to their widest cell, two spaces apart; the last column is not padded. Control characters in cells are shown, not obeyed (visibleText). */
export function formatTable(header: readonly string[], table: readonly (readonly string[])[]): string {
  const rows = table.map((row) => row.map(visibleText));
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** "2026-12-07 14:03 UTC" (times on the command line are UTC, like the system log's). */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
