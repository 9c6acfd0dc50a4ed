import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, resolveUpstream, type ResolvedUpstream } from '../../authn/upstream/resolve_upstream.js';
import { runStrategy, type StrategyOutcome } from '../../authn/upstream/run_strategy.js';
import type { PluginVerify } from '../../connections/plugin.js';
import { callbackUrl, tenantUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { findSocialConnection } from '../social_connection.js';
import { preflightAuthorize } from './authorize_preflight.js';
import { renderPage } from '../views.js';
import { explainFailure, failureKindOf, upstreamSaidOf, type TryFailure } from './try_failure_explanation.js';
import { loadReport, reportBase, saveReport, withFailure, withSuccess, type TryLogin, type TryReport } from './try_report.js';
import { TryStateStore } from './try_state_store.js';
import { rememberAuthorizeUrl, takeTry, TRY_CALLBACK_PATH, type TryTransaction } from './try_transaction.js';

/**
 * TRY: the admin's test login through a connection, exactly as a user's would run (the connection's
 * strategy, the real upstream or the sandbox, the tenant's registered callback URL) but ending on a
 * report instead of a session: no user is created and no token is stored. It ignores which
 * applications the connection is enabled for.
 *
 *   GET /manage/t/:tenant/social/:strategy/try         (admin) → upstream authorize URL
 *   GET <tenant URL>/login/callback?code&state         /login/callback sees a TRY state and redirects
 *   GET <tenant URL>/manage/try/callback?code&state    exchanges the code, saves the report
 *   GET /manage/t/:tenant/social/:strategy/try/result/:id  (the admin who started it) "It works!"
 */
export function tryRoutes(deps: AppDeps): { start: Router; callback: Router } {
  const { ephemeral } = deps.store;
  // A login makes a few upstream calls in a row (token, keys, identity, userinfo), each bounded.
  const deadlineMs = 3 * (deps.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS);

  function strategyFor(upstream: ResolvedUpstream, connection: Connection, store: TryStateStore) {
    const verify: PluginVerify = (tokens, profile, done) => done(null, { tokens, profile } satisfies TryLogin);
    return upstream.plugin.createStrategy(
      {
        ...upstream.client,
        callbackURL: callbackUrl(deps.config, connection.tenant),
        scope: connection.options.scope,
        ...(upstream.authorizationBaseUrl && { authorizationBaseUrl: upstream.authorizationBaseUrl }),
        store,
      },
      verify,
    );
  }

  function failurePage(res: Response, failure: TryFailure, context: { strategy: string; sandbox: boolean }, status: number) {
    renderPage(res, 'try_failure', { title: 'Try failed', section: 'social', failure, strategy: context.strategy, sandbox: context.sandbox }, status);
  }

  const start = Router({ mergeParams: true });

  start.get('/:strategy/try', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const strategyName = String(req.params.strategy);
    const connection = deps.plugins.has(strategyName) ? await findSocialConnection(deps.store, tenant, strategyName) : undefined;
    if (!connection) throw new NotFoundError('This connection is not set up yet: save its settings first.');
    const context = { callbackUrl: callbackUrl(deps.config, tenant), api: connection.options.api, missingScopes: connection.options.scope };

    let upstream: ResolvedUpstream;
    try {
      upstream = resolveUpstream(deps, connection, tenantUrl(deps.config, tenant));
    } catch (error) {
      return failurePage(res, explainFailure('not_configured', upstreamSaidOf(error), context), { strategy: strategyName, sandbox: false }, 409);
    }
    let begun: TryTransaction | undefined;
    const store = new TryStateStore({
      ephemeral,
      pending: {
        tenant,
        connectionId: connection.id,
        strategy: strategyName,
        api: connection.options.api,
        adminEmail: res.locals.admin!.email,
        dashboardUrl: req.context.tenantUrl,
        requestedScopes: connection.options.scope,
        sandbox: upstream.sandbox,
      },
      onBegin: (transaction) => (begun = transaction),
    });
    let outcome: StrategyOutcome;
    try {
      outcome = await runStrategy(strategyFor(upstream, connection, store), req, {}, deadlineMs);
    } catch (error) {
      outcome = { kind: 'error', error };
    }
    if (outcome.kind === 'redirect' && begun) {
      // The sandbox registers the callback itself and is reached on another base URL.
      const refusal = upstream.sandbox ? undefined : await preflightAuthorize(outcome.url);
      if (refusal) {
        await ephemeral.delete('try_transaction', begun.upstreamState);
        const failure = explainFailure(refusal.kind, refusal.upstreamSaid, context);
        return failurePage(res, failure, { strategy: strategyName, sandbox: false }, 502);
      }
      await rememberAuthorizeUrl(ephemeral, begun, outcome.url);
      return res.redirect(302, outcome.url);
    }
    const error = outcome.kind === 'error' ? outcome.error : new Error(`the strategy answered ${outcome.kind} before the upstream`);
    failurePage(res, explainFailure(failureKindOf(error), upstreamSaidOf(error), context), { strategy: strategyName, sandbox: upstream.sandbox }, 502);
  });

  start.get('/:strategy/try/result/:id', async (req, res) => {
    const report = await loadReport(ephemeral, String(req.params.id));
    const mine =
      report &&
      report.adminEmail === res.locals.admin!.email &&
      report.tenant === res.locals.managedTenant!.name &&
      report.strategy === req.params.strategy;
    if (!mine) throw new NotFoundError('This Try result does not exist or has expired (results are kept for 15 minutes).');
    const plugin = deps.plugins.get(report.strategy);
    renderPage(res, report.success ? 'try_result' : 'try_failure', {
      title: report.success ? 'It works!' : 'Try failed',
      section: 'social',
      report,
      failure: report.failure,
      strategy: report.strategy,
      displayName: plugin?.displayName ?? report.strategy,
      sandbox: report.sandbox,
    });
  });

  const callback = Router();

  callback.get(TRY_CALLBACK_PATH.replace(/^\/manage/, ''), async (req: Request, res: Response) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const transaction = await takeTry(ephemeral, req.query.state);
    const connection = transaction && (await deps.store.connections.get(transaction.tenant, transaction.connectionId));
    if (!transaction || !connection || transaction.tenant !== req.context.tenant.name) {
      const context = { callbackUrl: `${req.context.tenantUrl}/login/callback`, api: '', missingScopes: [] };
      const failure = explainFailure('expired', 'fitgate found no Try in progress for this state.', context);
      return failurePage(res, failure, { strategy: '', sandbox: false }, 400);
    }
    const report = await finishTry(transaction, connection, req, query);
    await saveReport(ephemeral, report);
    deps.logger.info(
      { tenant: report.tenant, connection: connection.name, outcome: report.success ? 'success' : report.failure?.kind },
      'dashboard TRY finished',
    );
    const resultPath = `/manage/t/${encodeURIComponent(report.tenant)}/social/${encodeURIComponent(report.strategy)}/try/result/${report.id}`;
    res.redirect(303, `${transaction.dashboardUrl}${resultPath}`);
  });

  async function finishTry(transaction: TryTransaction, connection: Connection, req: Request, query: URLSearchParams): Promise<TryReport> {
    const context = {
      callbackUrl: callbackUrl(deps.config, transaction.tenant),
      api: transaction.api,
      missingScopes: transaction.requestedScopes,
    };
    const report = reportBase(transaction, context.callbackUrl, query);
    if (!query.has('code') && !query.has('error')) {
      // Without either, the strategy would start a new authorization instead of finishing this one.
      const said = 'The upstream came back with neither a code nor an error.';
      return withFailure(report, explainFailure('bad_response', said, context));
    }
    let outcome: StrategyOutcome;
    try {
      const upstream = resolveUpstream(deps, connection, tenantUrl(deps.config, transaction.tenant));
      const store = new TryStateStore({ ephemeral, taken: transaction });
      outcome = await runStrategy(strategyFor(upstream, connection, store), req, {}, deadlineMs);
    } catch (error) {
      outcome = { kind: 'error', error };
    }
    if (outcome.kind === 'success') return withSuccess(report, outcome.user as TryLogin);
    const error = outcome.kind === 'fail' ? failureOfChallenge(outcome.challenge) : outcome.kind === 'error' ? outcome.error : undefined;
    return withFailure(report, explainFailure(failureKindOf(error), upstreamSaidOf(error), context));
  }

  return { start, callback };
}

/** A strategy's `fail` carries the upstream's refusal (the user declined) or a state mismatch. */
function failureOfChallenge(challenge: unknown): unknown {
  const fields = (typeof challenge === 'object' && challenge !== null ? challenge : {}) as Record<string, unknown>;
  if (fields.error) return fields.error;
  if (typeof fields.kind === 'string') return fields;
  return { kind: 'expired', message: typeof fields.message === 'string' ? fields.message : 'the state did not match' };
}
