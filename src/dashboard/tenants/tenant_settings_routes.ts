import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { DEFAULT_SESSION_LIFETIMES, sessionLifetimeProblems, sessionLifetimesOf } from '../../domain/session_lifetimes.js';
import { changeTenantSettings } from '../../domain/tenant_settings_changes.js';
import type { Tenant } from '../../domain/types.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { logConfigChange } from '../config_change_log.js';
import type { FieldErrors, FormBody } from '../form_fields.js';
import { renderPage } from '../views.js';
import { LIFETIME_FIELDS, lifetimeFormErrors, lifetimeTexts, MAX_SESSION_LIFETIME_MINUTES, readLifetimeForm, type LifetimeTexts } from './session_lifetime_form.js';
import { storedTenantLogoutUrlsProblem, storedTenantLogoutUrlsText, TENANT_LOGOUT_URLS_FIELD, tenantLogoutUrlsField } from './tenant_logout_urls_field.js';

/** What a refused form shows again: the lifetimes as typed, and the logout URLs when the form carried them. */
interface TypedSettings {
  lifetimes: LifetimeTexts;
  logoutUrlsText?: string | undefined;
}

/**
 * /manage/t/:tenant/settings: the tenant's settings, Auth0's Tenant Settings page. Its "Login
 * sessions" section sets how long an end user's login lasts and its "Logout" section the
 * tenant-level Allowed Logout URLs, saved together as one PATCH /api/v2/tenants/settings is
 * (domain/tenant_settings_changes.ts), logged as that call. A Save is answered by a redirect
 * (Post/Redirect/Get); a refused one by the form again, each problem next to its field, nothing stored.
 */
export function tenantSettingsRoutes(deps: Pick<AppDeps, 'store'>): Router {
  const router = Router({ mergeParams: true });

  function show(res: Response, tenant: Tenant, extra: { saved?: boolean; typed?: TypedSettings; errors?: FieldErrors } = {}, status = 200): void {
    const logoutUrlsText = extra.typed?.logoutUrlsText;
    // The stored list's problem only where the field shows the stored list, and nothing else is said of it.
    const storedProblem = logoutUrlsText === undefined && !extra.errors?.[TENANT_LOGOUT_URLS_FIELD] ? storedTenantLogoutUrlsProblem(tenant) : undefined;
    renderPage(
      res,
      'tenant_settings',
      {
        title: 'Tenant settings',
        section: 'settings',
        fields: LIFETIME_FIELDS,
        typed: extra.typed?.lifetimes ?? lifetimeTexts(sessionLifetimesOf(tenant)),
        defaults: lifetimeTexts(DEFAULT_SESSION_LIFETIMES),
        maxMinutes: MAX_SESSION_LIFETIME_MINUTES,
        logoutUrlsField: TENANT_LOGOUT_URLS_FIELD,
        logoutUrlsText: logoutUrlsText ?? storedTenantLogoutUrlsText(tenant),
        saved: extra.saved === true,
        errors: storedProblem ? { ...extra.errors, [TENANT_LOGOUT_URLS_FIELD]: storedProblem } : extra.errors,
      },
      status,
    );
  }

  router.get('/', (req, res) => show(res, res.locals.managedTenant!, { saved: req.query.saved === '1' }));

  router.post('/', async (req: Request, res: Response) => {
    const tenant = res.locals.managedTenant!;
    const body = req.body as FormBody;
    // A field left as shown keeps the value the page showed, which it read for this admin.
    const form = readLifetimeForm(body, sessionLifetimesOf(tenant));
    // Undefined for a form without the field (a page from before it), which keeps the stored list.
    const logoutUrls = tenantLogoutUrlsField(body);
    const typed: TypedSettings = { lifetimes: form.typed, logoutUrlsText: logoutUrls?.text };
    if (logoutUrls && !logoutUrls.result.ok) {
      // Checked before anything is written, as the API does; the lifetimes' problems are shown with it.
      const errors = { ...lifetimeFormErrors(sessionLifetimeProblems(form.lifetimes)), [TENANT_LOGOUT_URLS_FIELD]: logoutUrls.result.message };
      return show(res, tenant, { typed, errors }, 400);
    }
    const outcome = await changeTenantSettings(deps.store.tenants, tenant.name, {
      lifetimes: form.lifetimes,
      ...(logoutUrls?.result.ok ? { allowedLogoutUrls: logoutUrls.result.urls } : {}),
    });
    if (!outcome.saved) return show(res, tenant, { typed, errors: lifetimeFormErrors(outcome.problems) }, 400);
    await logConfigChange(deps.store, req, res, configChange(CONFIG_CHANGES.updateTenantSettings));
    res.redirect(303, `${req.baseUrl}?saved=1`);
  });

  return router;
}
