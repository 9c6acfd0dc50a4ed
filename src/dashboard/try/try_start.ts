import type { Request, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { PluginFailure } from '../../connections/plugin.js';
import type { Connection } from '../../domain/types.js';
import { preflightAuthorize } from '../../upstream/authorize_preflight.js';
import type { UpstreamResolver } from '../../upstream/resolve_upstream.js';
import { startRoundTrip, type StartOutcome } from '../../upstream/round_trip.js';
import { renderPage } from '../views.js';
import { tryFailureAtAuthorize } from './authorize_refusal.js';
import { withCredentialAdvice } from './credential_advice_on_refusal.js';
import { failedTryOutcome, failureContextOf, pendingTryOf, tryAttemptOf, type TryAttempt } from './try_attempt.js';
import { tryFailureOfError, type TryFailure } from './try_failure_explanation.js';
import { failedTry, recordTry, type FailedTry } from './try_log_event.js';
import { answerStartFailure } from './try_start_failure.js';
import { abandonTry, beginTry, rememberAuthorizeUrl, type TryTransaction } from './try_transaction.js';

/** What beginning a TRY needs. */
export type TryStartDeps = Pick<AppDeps, 'store' | 'config' | 'plugins' | 'logger' | 'sealer'>;

type Sent = Extract<StartOutcome<TryTransaction>, { kind: 'redirect' }>;
type Unsent = Extract<StartOutcome<TryTransaction>, { kind: 'error' }>;

/**
 * Begins a TRY of `connection`, one of the managed tenant's (res.locals), for the signed-in admin:
 * answers with the page that moves on to the upstream, or with the result page of a failure found
 * before the browser leaves. TRY's own POST calls it (try_start_routes.ts), and so does the settings
 * form's Try once the form is saved (social_routes.ts), each with the connection it holds.
 */
export async function startTry(deps: TryStartDeps, upstreams: Pick<UpstreamResolver, 'strategyFor'>, req: Request, res: Response, connection: Connection): Promise<void> {
  const attempt = tryAttemptOf(deps, req, res, connection);
  const sent = await sendUpstream(deps, upstreams, req, attempt);
  if (sent.kind === 'error') return answerUnsent(deps, req, res, attempt, sent);
  const refusal = await refusalAtAuthorize(sent);
  if (refusal) return answerRefusedAtAuthorize(deps, req, res, attempt, sent, refusal);
  await continueUpstream(deps, res, sent);
}

/**
 * Runs the round trip's first half, as a login does, storing the TRY's transaction once the upstream
 * is resolved (the strategy calls `begin`, not this function: round_trip.ts). prompt=consent: an upstream that issues a refresh token only on a consent (Google)
 * then issues one at every TRY, so each TRY tests the refresh-token path a real first login takes.
 */
function sendUpstream(deps: TryStartDeps, upstreams: Pick<UpstreamResolver, 'strategyFor'>, req: Request, attempt: TryAttempt): Promise<StartOutcome<TryTransaction>> {
  const target = { upstreams, connection: attempt.connection, tenantUrl: attempt.returnTo };
  const begin = (verifier: string | undefined, upstream: { sandbox: boolean }): Promise<TryTransaction> =>
    beginTry(deps.store.ephemeral, pendingTryOf(attempt, upstream.sandbox), verifier);
  return startRoundTrip(req, target, begin, { prompt: ['consent'] });
}

/**
 * The round trip could not start. fitgate's own failure (its store not answering or hanging; a
 * connection no plugin serves) is no finding about the upstream: the dashboard's error page says
 * what it is, and no failed TRY is logged. Nothing to try (no client, no sandbox that plays it): the
 * settings to fill in, and no failed TRY logged either. Anything else is the TRY's failure.
 */
async function answerUnsent(deps: TryStartDeps, req: Request, res: Response, attempt: TryAttempt, unsent: Unsent): Promise<void> {
  const read = tryFailureOfError(unsent.error, failureContextOf(attempt));
  if ('own' in read) throw read.own;
  const sandbox = unsent.upstream?.sandbox ?? false;
  if (read.failure.kind === 'not_configured') {
    return answerStartFailure(deps.store.ephemeral, res, pendingTryOf(attempt, sandbox), read.failure, { callbackUrl: attempt.callbackUrl });
  }
  return answerFailedTry(deps, req, res, attempt, read.failure, failedTry(read.failure.kind, unsent.error, unsent.upstream?.wording), { sandbox });
}

/** The upstream's refusal of the authorize page, asked before the browser goes there; the sandbox registers the callback itself. */
function refusalAtAuthorize(sent: Sent): Promise<PluginFailure | undefined> {
  return sent.upstream.sandbox ? Promise.resolve(undefined) : preflightAuthorize(sent.url, sent.upstream);
}

/** The browser is not sent to a page that refuses it: the transaction goes, and the refusal is the TRY's failure. */
async function answerRefusedAtAuthorize(deps: TryStartDeps, req: Request, res: Response, attempt: TryAttempt, sent: Sent, refusal: PluginFailure): Promise<void> {
  await abandonTry(deps.store.ephemeral, sent.record);
  const refused = tryFailureAtAuthorize(refusal, failureContextOf(attempt));
  const failure = withCredentialAdvice(refused, sent.upstream.plugin, attempt.connection.options, deps.sealer);
  const logged = failedTry(failure.kind, refusal, sent.upstream.wording);
  return answerFailedTry(deps, req, res, attempt, failure, logged, { sandbox: sent.upstream.sandbox, authorizeUrl: sent.url });
}

/** Logs the failed TRY (`logged`: as a login with its cause would be) and answers with its result page. */
async function answerFailedTry(
  deps: TryStartDeps,
  req: Request,
  res: Response,
  attempt: TryAttempt,
  failure: TryFailure,
  logged: FailedTry,
  where: { sandbox: boolean; authorizeUrl?: string },
): Promise<void> {
  await recordTry(deps, req, attempt.connection, failedTryOutcome(attempt, logged));
  await answerStartFailure(deps.store.ephemeral, res, pendingTryOf(attempt, where.sandbox), failure, {
    callbackUrl: attempt.callbackUrl,
    authorizeUrl: where.authorizeUrl,
  });
}

/** Keeps the authorize URL for the result's steps and answers with the page that moves on to the upstream. */
async function continueUpstream(deps: TryStartDeps, res: Response, sent: Sent): Promise<void> {
  await rememberAuthorizeUrl(deps.store.ephemeral, sent.record, sent.url);
  const { upstream } = sent;
  const { displayName } = upstream.plugin;
  const upstreamName = upstream.sandbox ? `the ${displayName} sandbox` : upstream.wording.name;
  renderPage(res, 'try_continue', { title: `Continuing to ${upstreamName}`, section: 'social', authorizeUrl: sent.url, upstreamName, sandbox: upstream.sandbox, displayName });
}
