import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Connection } from '../../domain/types.js';
import { AccessDeniedError, InvalidRequestError } from '../../errors/index.js';
import type { LoginTransaction } from '../login_transaction.js';
import { LoginTransactionStateStore } from '../login_transaction_state_store.js';
import { clientErrorForUpstream } from '../../upstream/map_upstream_error.js';
import { callbackUrlOf, DEFAULT_UPSTREAM_TIMEOUT_MS, resolveUpstream } from '../../upstream/resolve_upstream.js';
import { runStrategy } from '../../upstream/run_strategy.js';
import type { VerifiedLogin } from './upstream_login.js';

// A login makes up to four upstream calls in a row (token, keys, identity, userinfo); each has its
// own bound, and the whole gets this many of them.
const CALLS_PER_LOGIN_DEADLINE = 3;

/**
 * Finishes the upstream side of a login whose transaction the callback has already taken: the
 * strategy exchanges the code with that transaction's PKCE verifier and loads the profile. Every
 * failure comes back as the OAuth error the client should receive.
 */
export async function completeUpstreamLogin(
  deps: AppDeps,
  req: Request,
  connection: Connection,
  transaction: LoginTransaction,
): Promise<VerifiedLogin> {
  const query = req.query as Record<string, unknown>;
  if (typeof query.code !== 'string' && typeof query.error !== 'string') {
    // Without either, passport would start a new authorization instead of finishing this one.
    throw new InvalidRequestError('The upstream returned neither a code nor an error.');
  }
  const upstream = resolveUpstream(deps, connection, req.context.tenantUrl);
  const strategy = upstream.plugin.createStrategy(
    {
      ...upstream.client,
      callbackURL: callbackUrlOf(req.context.tenantUrl),
      scope: connection.options.scope,
      store: new LoginTransactionStateStore({ ephemeral: deps.store.ephemeral, taken: transaction }),
    },
    (tokens, profile, done) => done(null, { tokens, profile } satisfies VerifiedLogin),
  );
  const deadlineMs = (deps.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS) * CALLS_PER_LOGIN_DEADLINE;
  const outcome = await runStrategy(strategy, req, {}, deadlineMs);
  switch (outcome.kind) {
    case 'success':
      return outcome.user as VerifiedLogin;
    case 'fail':
      throw new AccessDeniedError(`The user did not allow access at ${connection.options.api === 'google-health' ? 'Google' : 'Fitbit'}.`);
    case 'error':
      throw clientErrorForUpstream(outcome.error, connection.options.api);
    default:
      throw clientErrorForUpstream(undefined, connection.options.api);
  }
}
