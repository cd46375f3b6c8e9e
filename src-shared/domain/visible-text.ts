/**
 * Text a device reports (sysName, location, alert descriptions …) is shown to people in the
 * console and printed by the CLI. Invisible control characters in it can disguise it: a
 * right-to-left override makes "\u202Egnp.exe\u202C" display as "exe.png", and terminal escape
 * sequences rewrite the screen. Pure.
 */

/** Line breaks and tabs: layout, shown as a space. */
const LAYOUT = /\r\n|[\t\n\r]/g;

/** Bidi formatting controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI) and the C0/C1 control characters. */
function isHidden(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * The text with every invisible control shown as "[U+202E]" (so it cannot reorder or hide what
 * is shown) and tabs and line breaks as spaces. Everything else is kept. Never throws.
 */
export function visibleText(text: string): string {
  const flat = text.replace(LAYOUT, ' ');
  let shown = '';
  for (const char of flat) {
    const code = char.codePointAt(0) ?? 0;
    shown += isHidden(code) ? `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]` : char;
  }
  return shown;
}
