/** Failures of the store, with stable codes a host can map to a message or an exit code. */

/** 'store-conflict': a write would break a uniqueness rule (a group name already taken). */
export const STORE_ERROR_CODES = ['store-unavailable', 'store-too-new', 'store-migration-failed', 'store-conflict'] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs a write, turning a UNIQUE violation into StoreError 'store-conflict' naming `name`. */
export function uniquely<T>(name: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new StoreError('store-conflict', `the name "${name}" is already taken`, { cause: error });
    }
    throw error;
  }
}

/** For states the database rules out (a row gone right after its insert): a plain Error, a bug. */
export function impossible(message: string): never {
  throw new Error(message);
}
