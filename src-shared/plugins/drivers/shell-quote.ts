/**
 * The drivers plug-in's two quoters, for every command line it writes (the quick-install
 * lines, the SSH enrolment, the pull page's scripts, the agent's PowerShell steps and its
 * Windows scheduled task): one for POSIX shells, one for PowerShell. Written by hand because
 * each is one line and the packages that quote for sh do not know PowerShell.
 */

/** A word for a POSIX shell: single quotes, each ' written as '\'' (nothing is special inside). */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A PowerShell verbatim string: single quotes, each ' — and its typographic forms ‘ ’ ‚ ‛, which PowerShell also ends strings on — doubled. */
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}
