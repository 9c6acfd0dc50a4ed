import { Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { updateAdmin, withTenant } from '../../domain/admin_updates.js';
import { callbackUrl, createTenant, tenantUrl, type NewTenantOutcome } from '../../domain/tenants.js';
import { AlreadyExistsError } from '../../domain/ports.js';
import { logConfigChange } from '../config_change_log.js';
import { textField } from '../form_fields.js';
import { answerSubmission, formTokenOf, newFormToken, submitOnce } from '../form_once.js';
import { takeForOneView } from '../shown_once.js';
import { renderPage } from '../views.js';

/** A sentence the tenants page shows once: where an admin who left a tenant lands (admins_routes.ts). */
export const TENANTS_NOTICE = 'tenants-notice';

/**
 * For signed-in admins: /manage (home), /manage/switch (the tenant switcher) and /manage/tenants: the tenants an admin
 * manages, and creating one, which makes its creator its first admin.
 */
export function tenantsRoutes(deps: Pick<AppDeps, 'store' | 'sealer' | 'config' | 'logger'>): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const tenants = res.locals.dashboard?.adminTenants ?? [];
    // The tenant whose address the dashboard is open at, when the admin manages it; else the first by name.
    const home = tenants.includes(req.context.tenant.name) ? req.context.tenant.name : tenants[0];
    res.redirect(303, home ? `/manage/t/${encodeURIComponent(home)}` : '/manage/tenants');
  });

  // A GET form, so it works without JavaScript; the tenant page itself checks the admin manages it.
  router.get('/switch', (req, res) => {
    const tenant = typeof req.query.tenant === 'string' ? req.query.tenant : '';
    res.redirect(303, tenant ? `/manage/t/${encodeURIComponent(tenant)}` : '/manage/tenants');
  });

  const listPage = (names: string[], extra: Record<string, unknown> = {}) => ({
    title: 'Tenants',
    section: 'tenants',
    baseHost: deps.config.baseHost,
    tenants: names.map((name) => ({ name, url: tenantUrl(deps.config, name), callbackUrl: callbackUrl(deps.config, name) })),
    ...extra,
  });

  router.get('/tenants', (req, res) => {
    const notice = takeForOneView<string>(req, deps.sealer, TENANTS_NOTICE);
    renderPage(res, 'tenants', listPage(res.locals.dashboard?.adminTenants ?? [], { formToken: newFormToken(), ...(notice && { notice }) }));
  });

  router.post('/tenants', async (req, res) => {
    const admin = res.locals.admin;
    if (!admin) return;
    const name = textField(req.body, 'name').toLowerCase();
    const refuse = (problem: string, status: number) =>
      renderPage(res, 'tenants', listPage(res.locals.dashboard?.adminTenants ?? [], { name, errors: { name: problem }, formToken: formTokenOf(req.body) }), status);
    // The form sent twice (a double click, Back and Create again) lands on the tenant the first made,
    // not on "already exists".
    const answer = await submitOnce(deps.store, res, { form: 'tenant', tenant: '', fields: [name] }, async () => {
      let created: NewTenantOutcome;
      try {
        created = await createTenant({ tenants: deps.store.tenants, sealer: deps.sealer }, name);
      } catch (error) {
        if (error instanceof AlreadyExistsError) return void refuse(`A tenant named "${name}" already exists.`, 409);
        throw error;
      }
      if (!created.ok) return void refuse(`Tenant name ${created.problem}.`, 400);
      await updateAdmin(deps.store.admins, admin.email, withTenant(name));
      deps.logger.info({ tenant: name, admin: admin.email }, 'tenant created from the dashboard');
      await logConfigChange(deps.store, req, res, { description: 'Create a tenant', method: 'POST', path: '/manage/tenants', statusCode: 201, tenant: name });
      return `/manage/t/${encodeURIComponent(name)}?created=1`;
    });
    answerSubmission(res, answer, { href: '/manage/tenants', text: 'Tenants' });
  });

  return router;
}
