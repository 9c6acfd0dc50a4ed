import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { changeSessionLifetimes } from '../../domain/session_lifetime_changes.js';
import { DEFAULT_SESSION_LIFETIMES, sessionLifetimesOf } from '../../domain/session_lifetimes.js';
import type { Tenant } from '../../domain/types.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { logConfigChange } from '../config_change_log.js';
import type { FieldErrors } from '../form_fields.js';
import { renderPage } from '../views.js';
import { LIFETIME_FIELDS, lifetimeFormErrors, lifetimeTexts, MAX_SESSION_LIFETIME_MINUTES, readLifetimeForm, type LifetimeTexts } from './session_lifetime_form.js';

/**
 * /manage/t/:tenant/settings: the tenant's settings, Auth0's Tenant Settings page. Its "Login
 * sessions" section sets how long an end user's login lasts, as PATCH /api/v2/tenants/settings does
 * (domain/session_lifetime_changes.ts), logged as that call. A Save is answered by a redirect
 * (Post/Redirect/Get); a refused one by the form again, each problem next to its field.
 */
export function tenantSettingsRoutes(deps: Pick<AppDeps, 'store'>): Router {
  const router = Router({ mergeParams: true });

  function show(res: Response, tenant: Tenant, extra: { saved?: boolean; typed?: LifetimeTexts; errors?: FieldErrors } = {}, status = 200): void {
    renderPage(
      res,
      'tenant_settings',
      {
        title: 'Tenant settings',
        section: 'settings',
        fields: LIFETIME_FIELDS,
        typed: extra.typed ?? lifetimeTexts(sessionLifetimesOf(tenant)),
        defaults: lifetimeTexts(DEFAULT_SESSION_LIFETIMES),
        maxMinutes: MAX_SESSION_LIFETIME_MINUTES,
        saved: extra.saved === true,
        errors: extra.errors,
      },
      status,
    );
  }

  router.get('/', (req, res) => show(res, res.locals.managedTenant!, { saved: req.query.saved === '1' }));

  router.post('/', async (req: Request, res: Response) => {
    const tenant = res.locals.managedTenant!;
    // A field left as shown keeps the value the page showed, which it read for this admin.
    const form = readLifetimeForm(req.body as Record<string, unknown>, sessionLifetimesOf(tenant));
    const outcome = await changeSessionLifetimes(deps.store.tenants, tenant.name, form.lifetimes);
    if (!outcome.saved) return show(res, tenant, { typed: form.typed, errors: lifetimeFormErrors(outcome.problems) }, 400);
    await logConfigChange(deps.store, req, res, configChange(CONFIG_CHANGES.updateTenantSettings));
    res.redirect(303, `${req.baseUrl}?saved=1`);
  });

  return router;
}
