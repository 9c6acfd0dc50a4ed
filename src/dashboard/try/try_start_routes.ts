import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { ResolvedUpstream, UpstreamResolver } from '../../upstream/resolve_upstream.js';
import { startRoundTrip } from '../../upstream/round_trip.js';
import { preflightAuthorize } from '../../upstream/authorize_preflight.js';
import { callbackUrlOf, tenantUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { findSocialConnection } from '../connections/social_connection.js';
import { settingsFieldLink } from '../connections/settings_field_link.js';
import { renderPage } from '../views.js';
import { tryFailureAtAuthorize } from './authorize_refusal.js';
import { enabledApplications } from './enabled_applications.js';
import { areasRepeatNames, grantedByArea, grantsByArea } from './granted_by_area.js';
import { tryFailureOfError, type TryFailure } from './try_failure_explanation.js';
import { answerStartFailure } from './try_start_failure.js';
import { apiName } from '../../upstream/api_name.js';
import { recordTry } from './try_log_event.js';
import { loadReport } from './try_report.js';
import { requestedPermissions } from './requested_permissions.js';
import { sandboxCaveat } from './sandbox_caveat.js';
import { beginTry, rememberAuthorizeUrl, type PendingTry, type TryTransaction } from './try_transaction.js';
import { settingsFingerprint } from './tried_settings.js';

/**
 * The admin's side of TRY, under /manage/t/:tenant/social:
 *   POST /:strategy/try             begins a TRY and sends the browser to the upstream
 *   GET  /:strategy/try             the connection's page, where the Try button is
 *   GET  /:strategy/try/result/:id  the report ("It works!" or what failed), for the admin who began it
 * The upstream comes back through try_callback_routes.ts.
 *
 * Beginning is a POST, with the session's CSRF token (csrf.ts), because it stores a transaction,
 * calls the upstream and may log an event: as a GET, a link on any site could make a signed-in
 * admin's browser do that (the session cookie is SameSite=Lax, sent on top-level navigations).
 * The POST is answered with a page that moves on to the upstream by itself (a meta refresh), not a
 * redirect: Chromium would hold a form's redirect to another origin to the page's CSP form-action
 * 'self' (security_headers.ts). A failure found before the browser leaves is kept as a report and
 * answered with a redirect to its result page (try_start_failure.ts).
 */
export function tryStartRoutes(deps: TryStartDeps, upstreams: Pick<UpstreamResolver, 'strategyFor'>): Router {
  const { ephemeral } = deps.store;
  const router = Router({ mergeParams: true });

  // A typed or bookmarked address begins nothing: it leads to the button.
  router.get('/:strategy/try', (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    res.redirect(302, `/manage/t/${encodeURIComponent(tenant)}/social/${encodeURIComponent(String(req.params.strategy))}`);
  });

  router.post('/:strategy/try', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const strategyName = String(req.params.strategy);
    const connection = deps.plugins.has(strategyName) ? await findSocialConnection(deps.store, tenant, strategyName) : undefined;
    if (!connection) throw new NotFoundError('This connection is not set up yet: save its settings first.');
    await startTry(deps, upstreams, req, res, connection);
  });

  router.get('/:strategy/try/result/:id', async (req, res) => {
    const report = await loadReport(ephemeral, String(req.params.id));
    const mine =
      report &&
      report.adminEmail === res.locals.admin!.email &&
      report.tenant === res.locals.managedTenant!.name &&
      report.strategy === req.params.strategy;
    if (!mine) throw new NotFoundError('This Try result does not exist or has expired (results are kept for 15 minutes).');
    const plugin = deps.plugins.get(report.strategy);
    const areas = report.success && plugin ? plugin.permissionAreas(report.api) : [];
    const grantedAreas = report.success ? grantedByArea(areas, report.requestedScopes, report.success.grantedScopes) : [];
    const caveat = report.success ? sandboxCaveat(plugin, report.api, report.sandbox) : undefined;
    const settingsPath = `/manage/t/${encodeURIComponent(report.tenant)}/social/${encodeURIComponent(report.strategy)}`;
    renderPage(res, report.success ? 'try_result' : 'try_failure', {
      title: report.success ? (caveat ? 'It works in the sandbox only' : 'It works!') : 'Try failed',
      caveat,
      section: 'social',
      report,
      failure: report.failure,
      // Where the fix is made, when it is made in the connection's settings.
      fixLink: report.failure && settingsFieldLink(settingsPath, plugin, report.api, report.failure.field),
      // The next step after a success: enable the connection for an application, or sign in to one.
      enabledFor: report.success ? await enabledApplications(deps.store, report.tenant, report.strategy) : [],
      strategy: report.strategy,
      displayName: plugin?.displayName ?? report.strategy,
      apiName: apiName(plugin, report.api),
      // A real login of this user would leave fitgate unable to renew their upstream tokens: say why.
      noRefreshToken:
        report.success && report.steps.tokenResponse?.refresh_token === undefined
          ? (plugin?.wording(report.api).noRefreshToken ?? 'fitgate could not renew the upstream tokens of a user who signs in like this.')
          : undefined,
      sandbox: report.sandbox,
      grantedAreas,
      grantedNamesOnly: areasRepeatNames(grantedAreas),
      // Named as in the plugin's wording ("Google grants by area"), for the upstream that answered.
      areasGrantedBy: grantsByArea(areas) ? plugin?.wording(report.api).name : undefined,
    });
  });

  return router;
}

/** What beginning a TRY needs. */
export type TryStartDeps = Pick<AppDeps, 'store' | 'config' | 'plugins' | 'logger'>;

/**
 * Begins a TRY of `connection`, one of the managed tenant's (res.locals), for the signed-in admin:
 * answers with the page that moves on to the upstream, or with the result page of a failure found
 * before the browser leaves. TRY's own POST calls it, and so does the settings form's Try once the
 * form is saved (social_routes.ts), each with the connection it holds.
 */
export async function startTry(deps: TryStartDeps, upstreams: Pick<UpstreamResolver, 'strategyFor'>, req: Request, res: Response, connection: Connection): Promise<void> {
  const { ephemeral } = deps.store;
  const tenant = res.locals.managedTenant!.name;
  const strategyName = connection.strategy;
  const plugin = deps.plugins.get(strategyName);
  const requestedScopes = requestedPermissions(plugin, connection.options.api, connection.options.scope);
  // The tenant's own URL, wherever the admin uses the dashboard: its callback is the one registered upstream.
  const url = tenantUrl(deps.config, tenant);
  const context = { callbackUrl: callbackUrlOf(url), api: connection.options.api, requestedPermissions: requestedScopes, plugin };

  const settings = settingsFingerprint(connection.options);
  const tried = { tenant, strategy: strategyName, api: connection.options.api, adminEmail: res.locals.admin!.email, requestedScopes };
  const failed = async (failure: TryFailure, sandbox: boolean, authorizeUrl?: string) => {
    await recordTry(deps, req, connection, { tenant, api: connection.options.api, settings, failureKind: failure.kind });
    await answerStartFailure(ephemeral, res, { ...tried, sandbox }, failure, { callbackUrl: context.callbackUrl, authorizeUrl });
  };
  const pending: Omit<PendingTry, 'sandbox'> = { ...tried, connectionId: connection.id, dashboardUrl: req.context.tenantUrl, settings };
  const begin = (verifier: string | undefined, upstream: ResolvedUpstream): Promise<TryTransaction> =>
    beginTry(ephemeral, { ...pending, sandbox: upstream.sandbox }, verifier);
  // prompt=consent: an upstream that issues a refresh token only on a consent (Google) then issues
  // one at every TRY, so each TRY tests the refresh-token path a real first login takes.
  const outcome = await startRoundTrip(req, { upstreams, connection, tenantUrl: url }, begin, { prompt: ['consent'] });
  if (outcome.kind === 'error') {
    // fitgate's own failure (its store not answering or hanging; a connection no plugin serves) is no
    // finding about the upstream: the dashboard's error page says what it is, and no failed TRY is logged.
    const read = tryFailureOfError(outcome.error, context);
    if ('own' in read) throw read.own;
    const sandbox = outcome.upstream?.sandbox ?? false;
    // Nothing to try (no client, no sandbox that plays it): the settings to fill in, and no failed TRY logged.
    if (read.failure.kind === 'not_configured') return answerStartFailure(ephemeral, res, { ...tried, sandbox }, read.failure, { callbackUrl: context.callbackUrl });
    return failed(read.failure, sandbox);
  }
  const { upstream } = outcome;
  const displayName = plugin?.displayName ?? strategyName;
  const begun = outcome.record;
  // The sandbox registers the callback itself and is reached on another base URL.
  const refusal = upstream.sandbox ? undefined : await preflightAuthorize(outcome.url, upstream);
  if (refusal) {
    await ephemeral.delete('try_transaction', begun.upstreamState);
    return failed(tryFailureAtAuthorize(refusal, context), upstream.sandbox, outcome.url);
  }
  await rememberAuthorizeUrl(ephemeral, begun, outcome.url);
  const upstreamName = upstream.sandbox ? `the ${displayName} sandbox` : upstream.wording.name;
  renderPage(res, 'try_continue', { title: `Continuing to ${upstreamName}`, section: 'social', authorizeUrl: outcome.url, upstreamName, sandbox: upstream.sandbox, displayName });
}
