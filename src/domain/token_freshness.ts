import { describeReauthorization } from './identity_status.js';
import type { Sealer } from './ports.js';
import type { Identity } from './types.js';
import { NeedsReauthorizationError } from './vault_errors.js';

/** An upstream access token as handed to an authorised caller. */
export interface VaultAccessToken {
  accessToken: string;
  /** Seconds until it expires, as Auth0 reports `expires_in` for identity provider tokens. */
  expiresIn: number;
}

/** What every reader of a disconnected identity gets, naming the status and what to do. */
export function needsReauthorizationError(identity: Identity): NeedsReauthorizationError {
  return new NeedsReauthorizationError(describeReauthorization(identity));
}

/**
 * The stored access token when it stays valid longer than `marginMs`; undefined when it must be
 * refreshed first. Throws the needs_reauthorization error for an identity whose tokens are dead.
 */
export function freshStoredToken(identity: Identity, sealer: Sealer, now: number, marginMs: number): VaultAccessToken | undefined {
  if (identity.status === 'needs_reauthorization' || !identity.tokens) throw needsReauthorizationError(identity);
  const { tokens } = identity;
  if (tokens.expiresAt - now <= marginMs) return undefined;
  return { accessToken: sealer.open(tokens.accessToken), expiresIn: Math.floor((tokens.expiresAt - now) / 1000) };
}
