import { Router } from 'express';
import type { Sealer } from '../../domain/ports.js';
import type { Store } from '../../store/store.js';
import { inviteAdmin, type InvitationResult } from './admin_invitations.js';
import { logConfigChange } from '../config_change_log.js';
import { textField } from '../form_fields.js';
import { keepForOneView, takeForOneView } from '../shown_once.js';
import { renderPage } from '../views.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * /manage/t/:tenant/admins: who manages the tenant, and adding someone by email. Adding redirects
 * back to the list (Post/Redirect/Get), which shows the outcome, and a set-password link, once.
 */
export function adminsRoutes(store: Store, sealer: Sealer): Router {
  const router = Router({ mergeParams: true });
  const invitationKey = (tenant: string) => `admin-invitation:${tenant}`;

  async function page(tenant: string, extra: Record<string, unknown> = {}) {
    const admins = await store.admins.listByTenant(tenant);
    return {
      title: 'Admins',
      section: 'admins',
      admins: admins.map((admin) => ({ email: admin.email, pending: !admin.passwordHash })),
      ...extra,
    };
  }

  router.get('/', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const invited = takeForOneView<ReturnType<typeof describe>>(req, sealer, invitationKey(tenant));
    renderPage(res, 'admins', await page(tenant, invited ? { invited } : {}));
  });

  router.post('/', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const email = textField(req.body, 'email').toLowerCase();
    if (!EMAIL.test(email)) {
      return renderPage(res, 'admins', await page(tenant, { email, errors: { email: 'Enter an email address.' } }), 400);
    }
    const result = await inviteAdmin(store, tenant, email, res.locals.admin!.email);
    if (result.kind !== 'already_admin') {
      const details = { admin: email, outcome: result.kind };
      await logConfigChange(store, req, res, { description: 'Invite a dashboard admin', method: 'POST', path: req.baseUrl, statusCode: 201, details });
    }
    keepForOneView(req, sealer, invitationKey(tenant), describe(result, email, req.context.tenantUrl));
    res.redirect(303, req.baseUrl);
  });

  return router;
}

function describe(result: InvitationResult, email: string, dashboardUrl: string) {
  switch (result.kind) {
    case 'already_admin':
      return { email, message: `${email} already manages this tenant.` };
    case 'added_existing':
      return { email, message: `${email} now manages this tenant too; they sign in with their existing password.` };
    case 'invited':
      return {
        email,
        message: `${email} was added. fitgate sends no email: give them this link, which works once within 72 hours, to set their password.`,
        link: `${dashboardUrl}/manage/set-password/${result.ticket}`,
      };
  }
}
