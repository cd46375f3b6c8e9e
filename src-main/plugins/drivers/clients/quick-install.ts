/**
 * The "quick" agent installation (issue 12 item 6): one line a person pastes on a client PC
 * that enrols its agent with a fresh token and installs it as a service. The printdeck program
 * must be on the PC (downloaded from the pull page, or `npm install -g printdeck`).
 */

/** A word for a POSIX shell: single quotes, each ' written as '\'' . */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A PowerShell verbatim string: single quotes, each ' (and its typographic forms, which PowerShell also ends strings on) doubled. */
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

export function quickInstallCommands(input: { consoleUrl: string; fingerprint: string | null; token: string }): { unix: string; windows: string } {
  const pin = (quote: (t: string) => string): string => (input.fingerprint === null ? '' : ` --fingerprint ${quote(input.fingerprint)}`);
  return {
    unix: `sudo printdeck agent enrol --console ${shQuote(input.consoleUrl)} --token ${shQuote(input.token)}${pin(shQuote)} --install-service`,
    windows: `& printdeck.cmd agent enrol --console ${psQuote(input.consoleUrl)} --token ${psQuote(input.token)}${pin(psQuote)} --install-service`,
  };
}
