import type { Identity } from './types.js';
import type { UpstreamFailure } from './upstream_token_client.js';

/**
 * Why an identity's stored upstream tokens can no longer be used. Each one means the same thing to
 * the application: the user has to log in again (with prompt=consent) before their data can be read.
 */
export type ReauthorizationReason =
  /** The upstream refused the refresh token (invalid_grant): expired, already used, or revoked there. */
  | 'refresh_token_rejected'
  /** The user withdrew the application's access at the upstream (their Fitbit or Google account). */
  | 'access_revoked'
  /** The legacy Fitbit Web API answered 410 Gone: the connection must move to google-health. */
  | 'legacy_api_gone'
  /** The access token expired and the upstream never issued a refresh token (no offline access). */
  | 'refresh_token_missing';

const EXPLANATIONS: Readonly<Record<ReauthorizationReason, string>> = {
  refresh_token_rejected: 'the upstream refused the stored refresh token',
  access_revoked: 'the user revoked this application’s access at the upstream',
  legacy_api_gone: 'the legacy Fitbit Web API is gone (410); switch the connection to google-health',
  refresh_token_missing: 'the access token expired and the upstream issued no refresh token',
};

// Google says "Token has been expired or revoked."; the emulator and Fitbit name revocation too. A
// refused token whose message says nothing about revocation is the generic case.
const REVOCATION_WORDING = /revoked|revocation|withdrawn/i;

/** The reason a failed refresh puts the identity in, or undefined when the failure is passing. */
export function reauthorizationReasonFor(failure: UpstreamFailure): ReauthorizationReason | undefined {
  if (failure.kind === 'gone') return 'legacy_api_gone';
  if (failure.kind !== 'invalid_grant') return undefined;
  return REVOCATION_WORDING.test(failure.message) && !/expired or revoked/i.test(failure.message)
    ? 'access_revoked'
    : 'refresh_token_rejected';
}

/**
 * The identity after its tokens stopped working. The tokens are dropped: they are dead upstream, and
 * keeping a dead refresh token only invites another refused call.
 */
export function markNeedsReauthorization(identity: Identity, reason: ReauthorizationReason, now: Date): Identity {
  const { tokens: _dead, ...rest } = identity;
  return { ...rest, status: 'needs_reauthorization', statusReason: reason, statusChangedAt: now.toISOString() };
}

/** One sentence an application developer can act on. */
export function describeReauthorization(identity: Identity): string {
  const reason = identity.statusReason as ReauthorizationReason | undefined;
  const why = reason && reason in EXPLANATIONS ? EXPLANATIONS[reason] : (identity.statusReason ?? 'unknown reason');
  const since = identity.statusChangedAt ? ` since ${identity.statusChangedAt}` : '';
  return (
    `The ${identity.connection} identity ${identity.userId} needs reauthorization${since}: ${why}. ` +
    'The user must log in again (prompt=consent) before its upstream token can be read.'
  );
}
