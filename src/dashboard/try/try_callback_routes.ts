import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { UpstreamResolver } from '../../upstream/resolve_upstream.js';
import { finishRoundTrip, type FinishOutcome } from '../../upstream/round_trip.js';
import { callbackUrlOf, roundTripTenantUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import { loginFailureOfFinish } from '../../upstream/login_failure.js';
import { connectionGoneFailure } from './connection_gone.js';
import { withCredentialAdvice } from './credential_advice_on_refusal.js';
import { tryFailureOf, tryFailureOfError, upstreamSaidOf, type FailureContext, type TryFailure } from './try_failure_explanation.js';
import { renderTryFailure } from './try_failure_page.js';
import { forecastLogin } from '../../domain/users.js';
import { loginOfTry, reportBase, resultPath, saveReport, withFailure, withSuccess, type TryReport } from './try_report.js';
import { recordTry, type FailedTry } from './try_log_event.js';
import { takeTry, TRY_CALLBACK_PATH, type TryTransaction } from './try_transaction.js';
import { repeatedCallbackLanding, settleUsedTry } from './try_used_state.js';

/**
 * GET <tenant URL>/manage/try/callback?code&state: where /login/callback hands a TRY's state. The
 * browser is on the tenant's host, where the admin may have no session, so this needs none: the
 * state (single use) names the TRY and its admin. It exchanges the code, saves the report and sends
 * the browser to the result page on the host where the admin uses the dashboard. The same callback
 * a second time (hit twice at once, or reloaded) is sent to that page too (try_used_state.ts).
 */
export function tryCallbackRoutes(
  deps: Pick<AppDeps, 'store' | 'config' | 'plugins' | 'logger' | 'sealer'>,
  upstreams: Pick<UpstreamResolver, 'strategyFor'>,
): Router {
  const { ephemeral } = deps.store;
  const router = Router();

  router.get(TRY_CALLBACK_PATH.replace(/^\/manage/, ''), async (req, res) => {
    const callbackQuery = req.originalUrl.split('?')[1] ?? '';
    const transaction = await takeTry(ephemeral, req.query.state, callbackQuery);
    const landing = transaction ? undefined : await repeatedCallbackLanding(ephemeral, req.query.state, callbackQuery, req.context.tenant.name);
    if (landing) return res.redirect(303, landing);
    if (!transaction || transaction.tenant !== req.context.tenant.name) {
      if (transaction) await settle(transaction, callbackQuery, undefined);
      const context = { callbackUrl: callbackUrlOf(roundTripTenantUrl(deps.config, req.context.tenant.name, req.context)), api: '', requestedPermissions: [] };
      const failure = tryFailureOf('expired', 'fitgate found no Try in progress for this state.', context);
      return renderTryFailure(res, failure, { strategy: '', sandbox: false }, 400);
    }
    let location: string | undefined;
    try {
      location = await saveTry(transaction, req, res, new URLSearchParams(callbackQuery));
    } finally {
      // Whatever happened, the same callback waiting meanwhile (or sent later) learns it.
      await settle(transaction, callbackQuery, location);
    }
    if (location) res.redirect(303, location);
  });

  /** Records how the callback that used the TRY was answered; a failure costs a second hit of it only its wait. */
  async function settle(transaction: TryTransaction, callbackQuery: string, location: string | undefined): Promise<void> {
    await settleUsedTry(ephemeral, transaction.upstreamState, callbackQuery, { tenant: transaction.tenant, ...(location && { location }) }).catch((error: unknown) => {
      deps.logger.warn({ err: error, tenant: transaction.tenant }, 'dashboard TRY: the used state was not updated');
    });
  }

  /** Finishes the TRY and saves its report: where its result page is, or undefined when it answered with a page of its own. */
  async function saveTry(transaction: TryTransaction, req: Request, res: Response, query: URLSearchParams): Promise<string | undefined> {
    // By id, where a login finds its connection by name: a TRY tried one connection's settings
    // (transaction.settings), and one deleted and made again under the same name is another.
    const connection = await deps.store.connections.get(transaction.tenant, transaction.connectionId);
    if (!connection) {
      deps.logger.info({ tenant: transaction.tenant, strategy: transaction.strategy, outcome: 'connection_gone' }, 'dashboard TRY finished');
      renderTryFailure(res, connectionGoneFailure(transaction.strategy), { strategy: '', sandbox: false }, 410);
      return undefined;
    }
    const { report, failed } = await finish(transaction, connection, req, query);
    await saveReport(ephemeral, report);
    await recordTry(deps, req, connection, {
      tenant: report.tenant,
      api: report.api,
      settings: transaction.settings,
      ...(failed && { failure: failed }),
      ...(report.success?.profile?.displayName && { userName: report.success.profile.displayName }),
    });
    deps.logger.info(
      { tenant: report.tenant, connection: connection.name, outcome: report.success ? 'success' : report.failure?.kind },
      'dashboard TRY finished',
    );
    return `${transaction.dashboardUrl}${resultPath(report)}`;
  }

  /** The TRY's report and, when it failed, the failure as its log event reads it. */
  async function finish(transaction: TryTransaction, connection: Connection, req: Request, query: URLSearchParams): Promise<{ report: TryReport; failed?: FailedTry }> {
    // Picked as the TRY's start picked it (try_attempt.ts): the callback came back to that URL's host.
    const url = roundTripTenantUrl(deps.config, transaction.tenant, req.context);
    const callbackUrl = callbackUrlOf(url);
    const report = reportBase(transaction, callbackUrl, query);
    const outcome = await finishRoundTrip(req, { upstreams, connection, tenantUrl: url }, transaction);
    if (outcome.kind === 'success') {
      // The user a login would sign in, found as the login finds it (a user who signed in through
      // the previous API included), only read: a TRY writes no user.
      const forecast = await forecastLogin(deps.store.users, loginOfTry(outcome.verified, connection));
      return { report: withSuccess(report, outcome.verified, connection, outcome.upstream.wording, forecast) };
    }
    // The plugin the round trip resolved; the registry's only when resolving is what failed, since
    // it explains that failure too (an API it no longer offers).
    const plugin = outcome.upstream?.plugin ?? deps.plugins.get(connection.strategy);
    const context = { callbackUrl, api: transaction.api, requestedPermissions: transaction.requestedScopes, plugin };
    const failure = withCredentialAdvice(failureOfOutcome(outcome, context), plugin, connection.options, deps.sealer);
    // Logged as the login this TRY stands for would be, read by the login's own reader of its round trip.
    return { report: withFailure(report, failure), failed: { kind: failure.kind, asLogin: loginFailureOfFinish(outcome) } };
  }

  return router;
}

/** What a round trip that did not succeed means for the admin (round_trip.ts decided it); fitgate's own failure is thrown, for the dashboard's error page. */
function failureOfOutcome(outcome: Exclude<FinishOutcome, { kind: 'success' }>, context: FailureContext): TryFailure {
  switch (outcome.kind) {
    case 'state_rejected':
      // Passport's own state check: this TRY expired or was already used.
      return tryFailureOf('expired', outcome.message ?? 'the state did not match', context);
    case 'failed':
      return tryFailureOf(outcome.failure.kind, upstreamSaidOf(outcome.failure), context);
    case 'error': {
      const read = tryFailureOfError(outcome.error, context);
      // fitgate's own failure (a connection no plugin serves any more) is no finding about the
      // upstream: the dashboard's error page says what it is, and no failed TRY is logged.
      if ('own' in read) throw read.own;
      return read.failure;
    }
  }
}
