import type { Request, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Connection } from '../../domain/types.js';
import { rememberPendingLogin } from '../login_session.js';
import type { PendingAuthorization } from '../login_transaction.js';
import { LoginTransactionStateStore } from '../login_transaction_state_store.js';
import { clientErrorForUpstream } from '../../upstream/map_upstream_error.js';
import { callbackUrlOf, resolveUpstream } from '../../upstream/resolve_upstream.js';
import { runStrategy } from '../../upstream/run_strategy.js';
import { upstreamPrompt } from '../../upstream/upstream_prompt.js';

/** Building the authorize redirect touches only the store; this bounds a store that hangs. */
const START_DEADLINE_MS = 10_000;

/**
 * Sends the browser to the connection's upstream: a login transaction is stored (the client's
 * request, a fresh upstream state and PKCE verifier) and bound to this browser's session.
 */
export async function startUpstreamLogin(
  deps: AppDeps,
  req: Request,
  res: Response,
  connection: Connection,
  pending: PendingAuthorization,
): Promise<void> {
  const upstream = resolveUpstream(deps, connection, req.context.tenantUrl);
  const stateStore = new LoginTransactionStateStore({
    ephemeral: deps.store.ephemeral,
    onBegin: (transaction) => rememberPendingLogin(req, transaction.upstreamState),
  });
  const strategy = upstream.plugin.createStrategy(
    {
      ...upstream.client,
      callbackURL: callbackUrlOf(req.context.tenantUrl),
      scope: connection.options.scope,
      ...(upstream.authorizationBaseUrl ? { authorizationBaseUrl: upstream.authorizationBaseUrl } : {}),
      store: stateStore,
    },
    // Only the callback verifies; starting a login never reaches this.
    (_tokens, _profile, done) => done(null, false),
  );
  const prompt = upstreamPrompt(connection.options.api, pending.prompt);
  const outcome = await runStrategy(strategy, req, { state: pending, ...(prompt ? { prompt } : {}) }, START_DEADLINE_MS);
  if (outcome.kind !== 'redirect') {
    throw clientErrorForUpstream(outcome.kind === 'error' ? outcome.error : undefined, connection.options.api);
  }
  // express-session saves the pending state before it ends this response, so the browser cannot
  // come back with the state before the session holds it.
  res.redirect(302, outcome.url);
}
