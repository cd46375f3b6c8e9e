/** Exit codes of the printdeck command (sysexits-style where one fits). */
export const EXIT = {
  ok: 0,
  /** At least one device could not be read. */
  someFailed: 1,
  /** Bad arguments: the message says which. */
  usage: 2,
  /** A file or folder named on the command line is missing or malformed. */
  dataError: 65,
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can fix; printed without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'CliError';
  }
}
