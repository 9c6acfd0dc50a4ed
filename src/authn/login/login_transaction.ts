import { randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import type { ResponseMode, ResponseType } from './authorize/response_types.js';

/** How long a user may take at the upstream's login and consent pages. */
export const LOGIN_TRANSACTION_TTL_SECONDS = 600;

/** The client's authorization request, as /authorize verified it. */
export interface PendingAuthorization {
  tenant: string;
  clientId: string;
  redirectUri: string;
  /** Absent in logins started before fitgate served other response types: code, in the query. */
  responseType?: ResponseType;
  responseMode?: ResponseMode;
  /** The client's own state, returned to it untouched. */
  state?: string;
  nonce?: string;
  scope: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256';
  prompt: string[];
  /** Connection name, e.g. "fitbit". */
  connection: string;
}

/**
 * One login in flight between /authorize and /login/callback. Kept in the shared store (not the
 * session or memory) under the upstream state, so any instance sharing the store can finish it.
 */
export interface LoginTransaction extends PendingAuthorization {
  /** The `state` sent upstream: 32 random bytes, unrelated to the client's state. */
  upstreamState: string;
  /** The PKCE verifier for the upstream code exchange. */
  upstreamCodeVerifier: string;
  /** Epoch milliseconds. */
  startedAt: number;
}

/** Stores a new transaction and returns it; its upstreamState is the key. */
export async function beginLoginTransaction(
  ephemeral: EphemeralStore,
  pending: PendingAuthorization,
  upstreamCodeVerifier: string,
  now = Date.now(),
): Promise<LoginTransaction> {
  const transaction: LoginTransaction = {
    ...pending,
    upstreamState: randomBytes(32).toString('base64url'),
    upstreamCodeVerifier,
    startedAt: now,
  };
  await ephemeral.put('login_transaction', transaction.upstreamState, transaction, LOGIN_TRANSACTION_TTL_SECONDS);
  return transaction;
}

/**
 * Takes the transaction out of the store: a state works once. Undefined when the state is unknown,
 * expired or already used, and for values that cannot be a state (so they never reach the store).
 */
export async function takeLoginTransaction(
  ephemeral: EphemeralStore,
  upstreamState: unknown,
): Promise<LoginTransaction | undefined> {
  if (typeof upstreamState !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(upstreamState)) return undefined;
  return ephemeral.consume<LoginTransaction>('login_transaction', upstreamState);
}
