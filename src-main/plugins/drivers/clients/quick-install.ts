/**
 * The "quick" agent installation (issue 12 item 6): one line a person pastes on a client PC
 * that enrols its agent with a fresh token and installs it as a service. The printdeck program
 * must be on the PC (downloaded from the pull page, or `npm install -g printdeck`).
 */
import { consoleOrigin } from '../../../../src-shared/plugins/drivers/console-url';
import { psQuote, shQuote } from '../../../../src-shared/plugins/drivers/shell-quote';

export { psQuote, shQuote };

/**
 * The token goes to the agent on its standard input ("--token -"), written by the shell's own
 * printf (a builtin: no process shows it) or by a PowerShell pipeline, so it is not in the
 * process list of the PC while the agent runs. It stays in the shell's history, which is why a
 * quick-install token expires (24 h by default) and serves few PCs.
 */
export function quickInstallCommands(input: { consoleUrl: string; fingerprint: string | null; token: string }): { unix: string; windows: string } {
  const consoleUrl = consoleOrigin(input.consoleUrl);
  if (consoleUrl === null || !consoleUrl.startsWith('https://')) throw new RangeError(`"${input.consoleUrl}" is not an https:// console address (host and port only)`);
  const pin = (quote: (t: string) => string): string => (input.fingerprint === null ? '' : ` --fingerprint ${quote(input.fingerprint)}`);
  return {
    unix: `printf '%s\\n' ${shQuote(input.token)} | sudo printdeck agent enrol --console ${shQuote(consoleUrl)} --token -${pin(shQuote)} --install-service`,
    windows: `${psQuote(input.token)} | & printdeck.cmd agent enrol --console ${psQuote(consoleUrl)} --token -${pin(psQuote)} --install-service`,
  };
}
