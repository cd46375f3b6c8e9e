/**
 * Writing LDIF lines (RFC 2849), for directory LDIF and Canon's .abk: when a value must be
 * base64, folding, and escaping a DN value (RFC 4514).
 */

/** LDIF's longest line; longer ones are folded (RFC 2849 "SHOULD NOT exceed 76"). */
export const LDIF_LINE_LENGTH = 76;

/**
 * One `name: value` line, `name:: base64` (of the UTF-8 bytes) when the value cannot be written
 * as is: it starts with a space, ":" or "<", ends with a space, holds a NUL, CR or LF, or (unless
 * `rawText`) any character beyond ASCII. `rawText` is for .abk files, whose header names the
 * character set their values are written in. Folded at 76 characters when `fold`. Never throws.
 */
export function ldifLine(name: string, value: string, options: { rawText?: boolean; fold?: boolean } = {}): string {
  const line = needsBase64(value, options.rawText ?? false) ? `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}` : value === '' ? `${name}:` : `${name}: ${value}`;
  return options.fold ? foldLine(line) : line;
}

/** Splits a line longer than 76 characters into continuation lines, each starting with one space. Never throws. */
export function foldLine(line: string, width = LDIF_LINE_LENGTH): string {
  if (line.length <= width) return line;
  const parts = [line.slice(0, width)];
  for (let i = width; i < line.length; i += width - 1) parts.push(` ${line.slice(i, i + width - 1)}`);
  return parts.join('\n');
}

function needsBase64(value: string, rawText: boolean): boolean {
  if (/^[ :<]/.test(value) || value.endsWith(' ')) return true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code === 10 || code === 13) return true;
    if (code > 0x7e && !rawText) return true;
  }
  return false;
}

/** A value as it may stand in a DN (RFC 4514): `, + " \ < > ; =` escaped, and a leading "#" or space and a trailing space. Never throws. */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}
