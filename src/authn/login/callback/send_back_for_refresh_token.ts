import type { Request, Response } from 'express';
import type { Config } from '../../../config/index.js';
import { roundTripTenantUrl } from '../../../domain/tenants.js';
import type { Connection } from '../../../domain/types.js';
import { toUpstreamLogin, type VerifiedLogin } from '../../../domain/upstream_login.js';
import { forecastLogin } from '../../../domain/users.js';
import type { Metrics } from '../../../metrics/metrics.js';
import type { Store } from '../../../store/store.js';
import { consentForRefreshTokenOf, wordingOf } from '../../../upstream/plugin_defaults.js';
import type { ResolvedUpstream, UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { startRoundTripAgain } from '../../../upstream/round_trip_again.js';
import { beginLoginTransaction, type LoginTransaction, type PendingAuthorization } from '../login_transaction.js';
import { rememberPendingLogin } from '../pending_login_cookie.js';
import { usedStateHash } from './used_state_hash.js';

/** What sending a login back needs. */
export interface SendBackDeps {
  readonly store: Pick<Store, 'ephemeral' | 'users'>;
  readonly config: Pick<Config, 'publicUrl' | 'baseHost'>;
  readonly upstreams: Pick<UpstreamResolver, 'strategyFor'>;
  readonly metrics: Pick<Metrics, 'authn'>;
}

/** The round the upstream has just vouched for: its login, and the plugin it went through. */
export interface FinishedRound {
  readonly connection: Connection;
  readonly transaction: LoginTransaction;
  readonly verified: VerifiedLogin;
  readonly plugin: ResolvedUpstream['plugin'];
}

/**
 * Sends the browser back to the upstream once, instead of finishing the login, when the round
 * brought no refresh token and the identity the login would store keeps none either (the user is
 * new to fitgate, was deleted from it, or lost their refresh token to the upstream), and the plugin
 * says how to make its upstream issue one (consentForRefreshToken; Google's: prompt=consent). Read
 * before anything is written: no user is recorded and no code issued for this round. The second
 * round is the same client request (client, redirect_uri, state, nonce, PKCE, connection) under a
 * new upstream state and verifier, flagged so that it finishes the login whatever it brings: never a
 * loop. A user who declines there ends the login as any refusal upstream does.
 *
 * A blocked user is not sent back (the login refuses them). Nor is a login whose second round cannot
 * start (fitgate's store refusing the write): it finishes without the refresh token, as before.
 * Resolves true when the browser was sent back (the answer is sent); false: finish the login.
 *
 * The first round's access token is dropped here, not revoked: it is never stored nor logged, and
 * ends by itself within the hour (Google's expires_in). Revoking it would undo what the second round
 * asks for. Google revokes a grant, not a token: "If the token is an access token and it has a
 * corresponding refresh token, the refresh token will also be revoked", which removes "the
 * permissions granted to the application"
 * (https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke). The first round's
 * token belongs to the user's standing grant to the Client ID, the very one the second round's
 * consent renews and the refresh token it brings belongs to; and "it might take some time before
 * the revocation has full effect", so even a revocation sent before the browser reaches Google could
 * end the refresh token the second round brings. It would also end the refresh tokens other holders
 * of that grant keep (another application of the same Client ID, the reason this user brought none).
 *
 * The second round carries the first's state, hashed, so that the person who comes back to the
 * first round's callback (the back button from the upstream's second page) is told the login
 * carries on there (sent_back_page.ts), not that it failed.
 */
export async function sendBackForRefreshToken(deps: SendBackDeps, req: Request, res: Response, round: FinishedRound): Promise<boolean> {
  const { connection, transaction, verified } = round;
  if (transaction.sentBackForRefreshToken === true || verified.tokens.refreshToken) return false;
  const spelled = consentForRefreshTokenOf(round.plugin, connection.options.api, transaction.prompt);
  if (!spelled) return false;
  // Found as the login will find it (a returning user of the same API keeps the refresh token it holds).
  const forecast = await forecastLogin(deps.store.users, toUpstreamLogin(verified, connection, req.ip, new Date()));
  if (forecast.refreshable || forecast.blocked === true) return false;

  const target = { upstreams: deps.upstreams, connection, tenantUrl: roundTripTenantUrl(deps.config, connection.tenant, req.context) };
  const replacedRound = { state: usedStateHash(transaction.upstreamState), upstream: wordingOf(round.plugin, connection.options.api).name };
  const again = { ...clientRequestOf(transaction), sentBackForRefreshToken: true as const, replacedRound };
  const begin = (verifier: string | undefined): Promise<LoginTransaction> => beginLoginTransaction(deps.store.ephemeral, again, verifier);
  const outcome = await startRoundTripAgain(req, target, begin, { loginHint: transaction.loginHint, spelled });
  if (outcome.kind !== 'redirect') {
    req.log.warn(
      { err: outcome.error, event: 'login_not_sent_back', tenant: transaction.tenant, connection: transaction.connection },
      'login brought no refresh token and could not be sent back to the upstream for one: finished without it',
    );
    return false;
  }
  // As /authorize binds a login to the browser: the callback took the first round's binding.
  rememberPendingLogin(req, res, outcome.record.upstreamState);
  deps.metrics.authn.loginSentBack(transaction.tenant, transaction.connection);
  res.redirect(302, outcome.url);
  return true;
}

/** The client's request the transaction carries, without the round it was kept for. */
function clientRequestOf(transaction: LoginTransaction): PendingAuthorization {
  const { upstreamState: _state, upstreamCodeVerifier: _verifier, startedAt: _startedAt, sentBackForRefreshToken: _sentBack, replacedRound: _replaced, ...request } =
    transaction;
  return request;
}
