/** The one error model of the contract: a stable code and a message a person can act on. */

export const ERROR_CODES = [
  'invalid-argument',
  'not-found',
  'unauthorized',
  'forbidden',
  'device-unreachable',
  'snmp-timeout',
  'snmp-auth-failed',
  'conflict',
  'cancelled',
  // The server is still working on this connection's earlier requests: this one was NOT run; send it again later.
  'busy',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** Optional structured detail (e.g. the bad line of an import). Plain JSON. */
  details?: unknown;
}

/** Thrown by services for expected failures; the router turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
