import { Router } from 'express';
import type { Store } from '../store/store.js';
import { inviteAdmin, type InvitationResult } from './admin_invitations.js';
import { textField } from './form_fields.js';
import { renderPage } from './views.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** /manage/t/:tenant/admins: who manages the tenant, and adding someone by email. */
export function adminsRoutes(store: Store): Router {
  const router = Router({ mergeParams: true });

  async function page(tenant: string, extra: Record<string, unknown> = {}) {
    const admins = await store.admins.listByTenant(tenant);
    return {
      title: 'Admins',
      section: 'admins',
      admins: admins.map((admin) => ({ email: admin.email, pending: !admin.passwordHash })),
      ...extra,
    };
  }

  router.get('/', async (_req, res) => {
    renderPage(res, 'admins', await page(res.locals.managedTenant!.name));
  });

  router.post('/', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const email = textField(req.body, 'email').toLowerCase();
    if (!EMAIL.test(email)) {
      return renderPage(res, 'admins', await page(tenant, { email, errors: { email: 'Enter an email address.' } }), 400);
    }
    const result = await inviteAdmin(store, tenant, email, res.locals.admin!.email);
    renderPage(res, 'admins', await page(tenant, { invited: describe(result, email, req.context.tenantUrl) }));
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
