import type { Identity } from './types.js';

/**
 * Why an identity's stored upstream tokens can no longer be used. Each one means the same thing to
 * the application: the user has to log in again before their data can be read. A plain login does:
 * where the upstream sends a refresh token only at a consent (Google), a login that brings none for
 * an identity without tokens goes back to the upstream for that consent by itself
 * (docs/connections.md, "Users and identities"), so the application need not ask for one.
 */
export type ReauthorizationReason =
  /**
   * The upstream refused the refresh token (invalid_grant): the user withdrew the application's
   * access in their account, or the token expired or was already used. Both upstreams answer all of
   * these with the same invalid_grant, so they are one reason; the log event keeps the upstream's words.
   */
  | 'refresh_token_rejected'
  /**
   * The upstream API answered 410 Gone (shut down): the connection must move to another of its
   * plugin's APIs, or to another upstream. Stored before as `legacy_api_gone` (STORED_NAMES).
   */
  | 'upstream_api_gone'
  /**
   * An administrator moved the connection to another of its plugin's APIs; these tokens were issued
   * by the one it left, whose credentials it no longer holds. The next login goes through the new
   * API (and a migrating upstream keeps the same user).
   */
  | 'connection_api_changed'
  /**
   * The upstream refused to refresh the tokens for the connection's client (unauthorized_client):
   * they were issued to another client, as when an administrator replaced the connection's upstream
   * client (a new Client ID). They can never be refreshed through this one; a new login issues tokens it can.
   */
  | 'connection_client_changed'
  /** The access token expired and the upstream never issued a refresh token (no offline access). */
  | 'refresh_token_missing'
  /** An administrator unlinked the user's only identity: its tokens were removed and revoked. */
  | 'unlinked'
  /** The tokens were sealed under a master key that was lost; `reseal --forget-lost` dropped them. */
  | 'master_key_lost';

const EXPLANATIONS: Readonly<Record<ReauthorizationReason, string>> = {
  refresh_token_rejected: 'the upstream refused the stored refresh token',
  upstream_api_gone: 'the upstream API it used is gone (410); an administrator must switch the connection to another API or upstream',
  connection_api_changed: 'the connection now uses another upstream API than the one that issued its tokens',
  connection_client_changed: 'the upstream will not refresh its tokens for the connection\'s client, which is not the one they were issued to',
  refresh_token_missing: 'the access token expired and the upstream issued no refresh token',
  unlinked: 'an administrator unlinked it and its upstream tokens were revoked',
  master_key_lost: 'its stored tokens were sealed under a master key that was lost',
};

/**
 * The identity after its tokens stopped working. The tokens are dropped: they are dead upstream, and
 * keeping a dead refresh token only invites another refused call.
 */
export function markNeedsReauthorization(identity: Identity, reason: ReauthorizationReason, now: Date): Identity {
  const { tokens: _dead, ...rest } = identity;
  return { ...rest, status: 'needs_reauthorization', statusReason: reason, statusChangedAt: now.toISOString() };
}

/**
 * Reasons stored under an earlier name, by their name now. Identities keep the name they were marked
 * with (rewriting every stored user for a name would be a migration of its own), so each reader of
 * a stored reason goes through statusReasonOf.
 */
const STORED_NAMES: Readonly<Record<string, ReauthorizationReason>> = {
  // Its first name, from the one upstream fitgate had then; the reason is any plugin's 410.
  legacy_api_gone: 'upstream_api_gone',
};

/**
 * The identity's stored reason as fitgate names it now (the Management API's `status_reason`, the
 * dashboard's and a 409's explanation): an earlier name of a reason reads as its current one, and
 * any other value as it is.
 */
export function statusReasonOf(identity: Pick<Identity, 'statusReason'>): string | undefined {
  const stored = identity.statusReason;
  return stored !== undefined && Object.hasOwn(STORED_NAMES, stored) ? STORED_NAMES[stored] : stored;
}

/** One sentence an application developer can act on. */
export function describeReauthorization(identity: Identity): string {
  const reason = statusReasonOf(identity);
  const why = reason !== undefined && Object.hasOwn(EXPLANATIONS, reason) ? EXPLANATIONS[reason as ReauthorizationReason] : (reason ?? 'unknown reason');
  const since = identity.statusChangedAt ? ` since ${identity.statusChangedAt}` : '';
  return (
    `The ${identity.connection} identity ${identity.userId} needs reauthorization${since}: ${why}. ` +
    'The user must log in again before its upstream token can be read.'
  );
}
