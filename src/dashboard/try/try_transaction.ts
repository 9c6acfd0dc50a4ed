import { randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import type { CallbackHandoff } from '../../authn/login/callback/callback_handoff.js';

/**
 * One TRY in flight: an admin's test login through a connection, from the dashboard to the upstream
 * and back through the tenant's real callback URL. Kept as a `try_transaction` record under the
 * upstream state, like a login transaction, so /login/callback can tell a TRY's state from a login's
 * and hand it to /manage/try/callback.
 */
export interface TryTransaction {
  tenant: string;
  connectionId: string;
  strategy: string;
  api: string;
  /** The admin who pressed Try: only they may see the result. */
  adminEmail: string;
  /** Where the admin uses the dashboard (a tenant URL): the result page is shown there. */
  dashboardUrl: string;
  upstreamState: string;
  upstreamCodeVerifier: string;
  requestedScopes: string[];
  sandbox: boolean;
  /** The authorize URL the browser was sent to, for the result's steps. */
  authorizeUrl?: string;
  startedAt: number;
}

export type PendingTry = Omit<TryTransaction, 'upstreamState' | 'upstreamCodeVerifier' | 'startedAt' | 'authorizeUrl'>;

/** As long as a login transaction: time to sign in and consent upstream. */
export const TRY_TRANSACTION_TTL_SECONDS = 600;

/** Where /login/callback sends a TRY's callback, with the same query. */
export const TRY_CALLBACK_PATH = '/manage/try/callback';

const STATE_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export async function beginTry(ephemeral: EphemeralStore, pending: PendingTry, upstreamCodeVerifier: string): Promise<TryTransaction> {
  const transaction: TryTransaction = {
    ...pending,
    upstreamState: randomBytes(32).toString('base64url'),
    upstreamCodeVerifier,
    startedAt: Date.now(),
  };
  await ephemeral.put('try_transaction', transaction.upstreamState, transaction, TRY_TRANSACTION_TTL_SECONDS);
  return transaction;
}

/** Records the authorize URL once passport has built it (the state store runs before it exists). */
export async function rememberAuthorizeUrl(ephemeral: EphemeralStore, transaction: TryTransaction, authorizeUrl: string): Promise<void> {
  const remaining = Math.max(1, TRY_TRANSACTION_TTL_SECONDS - Math.floor((Date.now() - transaction.startedAt) / 1000));
  await ephemeral.put('try_transaction', transaction.upstreamState, { ...transaction, authorizeUrl }, remaining);
}

/** Whether `state` belongs to a TRY in flight, without using it up (for /login/callback). */
export async function isTryState(ephemeral: EphemeralStore, state: unknown): Promise<boolean> {
  return typeof state === 'string' && STATE_FORMAT.test(state) && (await ephemeral.get('try_transaction', state)) !== undefined;
}

/** Takes the TRY out of the store: a state works once. */
export async function takeTry(ephemeral: EphemeralStore, state: unknown): Promise<TryTransaction | undefined> {
  if (typeof state !== 'string' || !STATE_FORMAT.test(state)) return undefined;
  return ephemeral.consume<TryTransaction>('try_transaction', state);
}

/** Lets /login/callback hand a TRY's return to the dashboard (wired in app.ts). */
export function tryCallbackHandoff(ephemeral: EphemeralStore): CallbackHandoff {
  return { path: TRY_CALLBACK_PATH, claims: (state) => isTryState(ephemeral, state) };
}
