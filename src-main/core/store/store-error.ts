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
