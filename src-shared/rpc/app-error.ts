import type { WordedMessage } from '../wording/worded-message';
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
  /** The message as a key and parameters, for hosts that word it in their language (worded-message.ts); `message` is its English. */
  wording?: WordedMessage;
}

/** Thrown by services for expected failures; the router turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly wording?: WordedMessage,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.details !== undefined) data.details = this.details;
    if (this.wording !== undefined) data.wording = this.wording;
    return data;
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.details, data.wording);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
