import type { ApiToken } from '../../../src-shared/contract/accounts.contract';

export type TokenState = 'active' | 'expired' | 'revoked';

/** Whether a token still works: revoked wins over expired. */
export function tokenState(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}
