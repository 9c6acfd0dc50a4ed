import { Router } from 'express';
import type { UpstreamResolver } from '../../upstream/resolve_upstream.js';
import { NotFoundError } from '../../errors/index.js';
import { findSocialConnection } from '../connections/social_connection.js';
import { settingsFieldLink } from '../connections/settings_field_link.js';
import { renderPage } from '../views.js';
import { enabledApplications } from './enabled_applications.js';
import { areasRepeatNames, grantedByArea, grantsByArea } from './granted_by_area.js';
import { apiName } from '../../upstream/api_name.js';
import { describeMove } from '../../domain/users.js';
import { offeredApi, permissionAreasOf, wordingOf } from '../../upstream/plugin_defaults.js';
import { loadReport } from './try_report.js';
import { sandboxCaveat } from './sandbox_caveat.js';
import { startTry, type TryStartDeps } from './try_start.js';

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
 * answered with a redirect to its result page (try_start_failure.ts). The steps of beginning are
 * try_start.ts's.
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
    // A result kept from before the plugin dropped its API shows the grant without areas: no member
    // is asked about an API the plugin does not offer (plugin.ts).
    const offering = offeredApi(plugin, report.api) ? plugin : undefined;
    const areas = report.success && offering ? permissionAreasOf(offering, report.api) : [];
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
      // A login that would move its user between APIs, in the words its log event uses.
      moved: report.success?.wouldStore?.move && describeMove(report.success.wouldStore.move, (api) => apiName(plugin, api)),
      // A real login of this user would leave fitgate unable to renew their upstream tokens: say why.
      noRefreshToken: report.success?.noRefreshToken,
      sandbox: report.sandbox,
      grantedAreas,
      grantedNamesOnly: areasRepeatNames(grantedAreas),
      // Named as in the plugin's wording ("Google grants by area"), for the upstream that answered.
      areasGrantedBy: offering && grantsByArea(areas) ? wordingOf(offering, report.api).name : undefined,
    });
  });

  return router;
}
