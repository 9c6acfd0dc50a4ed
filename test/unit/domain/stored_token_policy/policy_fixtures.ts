import type { Identity } from '../../../../src/domain/types.js';
import { testSealer } from '../users/login_fixtures.js';

// One identity at a pinned clock, for the stored-token rules (src/domain/stored_token_policy.ts),
// which are pure: the margins are passed in, at their defaults (5 min to refresh, 30 s floor).

export const NOW = Date.parse('2026-11-20T10:00:00.000Z');
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
export const SERVABLE_MARGIN_MS = 30_000;
export { testSealer };

/** A connected identity whose stored access token ("stored-access") expires `secondsLeft` from NOW. */
export function anIdentity(secondsLeft: number, overrides: Partial<Identity> = {}): Identity {
  return {
    provider: 'fitbit',
    connection: 'fitbit',
    userId: 'GGNJL9',
    isSocial: true,
    api: 'fitbit-legacy',
    grantedScopes: ['profile'],
    tokens: { accessToken: testSealer.seal('stored-access'), refreshToken: testSealer.seal('stored-refresh'), expiresAt: NOW + secondsLeft * 1000 },
    status: 'connected',
    ...overrides,
  };
}

/** The identity as the vault leaves it once its tokens are dead. */
export function aDeadIdentity(): Identity {
  const { tokens: _dropped, ...rest } = anIdentity(600);
  return { ...rest, status: 'needs_reauthorization', statusReason: 'refresh_token_rejected', statusChangedAt: '2026-11-20T09:00:00.000Z' };
}
