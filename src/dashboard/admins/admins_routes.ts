import { Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { AdminAccount } from '../../domain/types.js';
import { signOut } from '../account/admin_session.js';
import { inviteEmailProblem } from './admin_email.js';
import { inviteAdmin, type InvitationResult } from './admin_invitations.js';
import { removeAdmin, type AdminRemoval } from './admin_removal.js';
import { mayRenewSetPasswordLink, renewSetPasswordLink, type LinkRenewal } from './set_password_link_renewal.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField, textField } from '../form_fields.js';
import { answerSubmission, formTokenOf, newFormToken, submitOnce } from '../form_once.js';
import { keepForOneView, takeForOneView } from '../shown_once.js';
import { TENANTS_NOTICE } from '../tenants/tenants_routes.js';
import { renderPage } from '../views.js';

/** What the admins list shows once after a POST: the outcome, and a set-password link when there is one. */
interface Outcome {
  email: string;
  message: string;
  link?: string;
  /** Shown as a warning rather than a success. */
  refused?: boolean;
}

/**
 * /manage/t/:tenant/admins: who manages the tenant, adding someone by email, a new set-password
 * link for someone who has not used theirs, and removing an admin from the tenant. Each POST
 * redirects back to the list (Post/Redirect/Get), which shows the outcome, and a set-password link,
 * once; an admin who removed themselves goes to their tenants, or to sign-in once they have none.
 * Add admin and New set-password link sent twice (a double click, Back and the form sent again) act
 * once (form_once.ts): a second link would void the one the list shows.
 */
export function adminsRoutes(deps: Pick<AppDeps, 'store' | 'sealer' | 'config'>): Router {
  const { store, sealer } = deps;
  const router = Router({ mergeParams: true });
  const outcomeKey = (tenant: string) => `admin-invitation:${tenant}`;

  async function page(tenant: string, viewer: AdminAccount, extra: Record<string, unknown> = {}) {
    const admins = await store.admins.listByTenant(tenant);
    return {
      title: 'Admins',
      section: 'admins',
      admins: admins.map((admin) => ({
        email: admin.email,
        pending: !admin.passwordHash,
        newLink: mayRenewSetPasswordLink(viewer, admin),
        // Offered while someone else would remain; the removal checks it again at the write.
        removable: admins.length > 1,
        self: admin.email === viewer.email,
      })),
      // The page's forms' ("Add an admin", each "New set-password link"), told apart by their name and
      // email: a refused invitation is shown again with the one it was sent with.
      formToken: newFormToken(),
      ...extra,
    };
  }

  router.get('/', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    // The first post's outcome while not seen yet; else, for a form that was sent again, what became of the first.
    const invited = takeForOneView<Outcome>(req, sealer, outcomeKey(tenant)) ?? sentAgainNotice(req.query.sent_again);
    renderPage(res, 'admins', await page(tenant, res.locals.admin!, invited ? { invited } : {}));
  });

  router.post('/', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const email = textField(req.body, 'email').toLowerCase();
    const emailProblem = inviteEmailProblem(email);
    if (emailProblem) {
      return renderPage(res, 'admins', await page(tenant, res.locals.admin!, { email, errors: { email: emailProblem }, formToken: formTokenOf(req.body) }), 400);
    }
    // The form sent twice (a double click, Back and Add again) invites once, and both posts lead to
    // the list showing the first's outcome and link, rather than the second's "already manages".
    const answer = await submitOnce(store, res, { form: 'admin', tenant, fields: [email] }, async () => {
      const result = await inviteAdmin(store, tenant, email, res.locals.admin!);
      if (result.kind === 'beyond_your_tenants') {
        // Refused like a mistyped address: next to the field, which keeps what was typed; nothing changed.
        const errors = { email: invitationBeyondYourTenants(email) };
        return void renderPage(res, 'admins', await page(tenant, res.locals.admin!, { email, errors, formToken: formTokenOf(req.body) }), 400);
      }
      if (result.kind !== 'already_admin') {
        const details = { admin: email, outcome: result.kind };
        await logConfigChange(store, req, res, { description: 'Invite a dashboard admin', method: 'POST', path: req.baseUrl, statusCode: 201, details });
      }
      keepForOneView(req, sealer, outcomeKey(tenant), describeInvitation(result, email, req.context.tenantUrl));
      return req.baseUrl;
    });
    answerSubmission(res, answer, { href: req.baseUrl, text: 'Admins' });
  });

  router.post('/new-link', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const email = textField(req.body, 'email').toLowerCase();
    // Sent twice, the link the first post shows is the one that works, not voided by a second.
    let acted = false;
    const answer = await submitOnce(store, res, { form: 'set-password-link', tenant, fields: [email] }, async () => {
      acted = true;
      const result = await renewSetPasswordLink(store, tenant, email, res.locals.admin!);
      keepForOneView(req, sealer, outcomeKey(tenant), describeRenewal(result, email, req.context.tenantUrl));
      // Refused, nothing changed: the same form sent again, once the reason is gone, gives a link.
      if (result.kind !== 'renewed') return void res.redirect(303, req.baseUrl);
      const details = { admin: email };
      await logConfigChange(store, req, res, { description: 'Issue a new set-password link for a dashboard admin', method: 'POST', path: `${req.baseUrl}/new-link`, details });
      return req.baseUrl;
    });
    // A post that did not act (the first post of its form made the link) says so on the list, which
    // shows the link still when the first post's list was not seen; in the URL, since this post's
    // session is read from before the first wrote the link into it, and saving it would drop that.
    const again = !acted && answer.kind === 'landed' ? { ...answer, location: `${answer.location}?sent_again=${SENT_AGAIN_LINK}` } : answer;
    answerSubmission(res, again, { href: req.baseUrl, text: 'Admins' });
  });

  router.post('/remove', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const viewer = res.locals.admin!;
    const email = textField(req.body, 'email').toLowerCase();
    if (!checkboxField(req.body, 'confirm')) {
      const errors = { [removalField(email)]: 'Tick the box to confirm the removal.' };
      return renderPage(res, 'admins', await page(tenant, viewer, { errors }), 400);
    }
    const result = await removeAdmin({ admins: store.admins, dataDir: deps.config.dataDir }, email, { tenant });
    if (result.kind === 'removed' || result.kind === 'account_deleted') {
      const details = { admin: email, outcome: result.kind };
      await logConfigChange(store, req, res, { description: 'Remove a dashboard admin', method: 'POST', path: `${req.baseUrl}/remove`, details });
      if (email === viewer.email) {
        // This tenant's pages are no longer theirs to see: the outcome is said where they can go.
        if (result.kind === 'account_deleted') {
          await signOut(req);
          return res.redirect(303, '/manage/login?account_removed=1');
        }
        keepForOneView(req, sealer, TENANTS_NOTICE, `You no longer manage ${tenant}.`);
        return res.redirect(303, '/manage/tenants');
      }
    }
    keepForOneView(req, sealer, outcomeKey(tenant), describeRemoval(result, email));
    res.redirect(303, req.baseUrl);
  });

  return router;
}

/** `?sent_again=` of the list a New set-password link form sent again leads to. */
const SENT_AGAIN_LINK = 'set-password-link';

/**
 * What the list says to a New set-password link form sent again once its link was shown: the page
 * would otherwise look as if the click did nothing. Names no email: the URL says only which form.
 */
function sentAgainNotice(sentAgain: unknown): Outcome | undefined {
  if (sentAgain !== SENT_AGAIN_LINK) return undefined;
  return {
    email: '',
    message:
      'This New set-password link form was sent twice. The first made the link and it was shown once, on the list that opened after it; ' +
      'it still works, since the second made none, and fitgate cannot show it again. If it was not copied, press New set-password link ' +
      'once more: that makes a new link, and the one shown before stops working.',
  };
}

/** The confirmation box of one admin's row, for its error. */
const removalField = (email: string) => `remove-${email}`;

const setPasswordLink = (dashboardUrl: string, ticket: string) => `${dashboardUrl}/manage/set-password/${ticket}`;

function describeInvitation(result: Exclude<InvitationResult, { kind: 'beyond_your_tenants' }>, email: string, dashboardUrl: string): Outcome {
  switch (result.kind) {
    case 'already_admin':
      return { email, message: `${email} already manages this tenant.` };
    case 'added_existing':
      return { email, message: `${email} now manages this tenant too; they sign in with their existing password.` };
    case 'added_pending':
      return {
        email,
        message:
          `${email} was already invited and has not set a password yet, and now manages this tenant too. fitgate sends no email: ` +
          'give them this new link, which works once within 72 hours, to set their password. Links given to them before no longer work.',
        link: setPasswordLink(dashboardUrl, result.ticket),
      };
    case 'invited':
      return {
        email,
        message: `${email} was added. fitgate sends no email: give them this link, which works once within 72 hours, to set their password.`,
        link: setPasswordLink(dashboardUrl, result.ticket),
      };
  }
}

/** Names no other tenant: which tenants an account has is for the admins of all of them. */
function invitationBeyondYourTenants(email: string): string {
  return (
    `${email} already has an admin account, which also manages tenants you do not manage. Its password opens all of them, ` +
    'so only an admin who manages every one of its tenants can add it here: ask one of them, or use another email address.'
  );
}

function describeRenewal(result: LinkRenewal, email: string, dashboardUrl: string): Outcome {
  switch (result.kind) {
    case 'renewed':
      return {
        email,
        message: `A new set-password link for ${email}: give them this link, which works once within 72 hours. Links given to them before no longer work.`,
        link: setPasswordLink(dashboardUrl, result.ticket),
      };
    case 'not_pending':
      return { email, refused: true, message: `No admin of this tenant with the email ${email} is waiting to set a password.` };
    case 'beyond_your_tenants':
      return {
        email,
        refused: true,
        message:
          `${email} was also invited to tenants you do not manage, so a new link can come only from an admin of all of them, ` +
          `or from the server: npm run admin -- reset-password ${email}`,
      };
  }
}

function describeRemoval(result: AdminRemoval, email: string): Outcome {
  switch (result.kind) {
    case 'removed':
      return {
        email,
        message: result.account.passwordHash
          ? `${email} no longer manages this tenant; a dashboard session they have open loses it at its next page. Their other tenants are unchanged.`
          : `${email} no longer manages this tenant, and the set-password links given to them no longer work. Their other tenants are unchanged.`,
      };
    case 'account_deleted':
      return {
        email,
        message: `${email} no longer manages this tenant. It was their only tenant, so their admin account is deleted: their sessions and set-password links no longer work.`,
      };
    case 'not_admin':
      return { email, refused: true, message: `${email} is not an admin of this tenant.` };
    case 'last_admin':
      return {
        email,
        refused: true,
        message: `${email} is the only admin of this tenant and was not removed: the tenant would have nobody to manage it. Add another admin first.`,
      };
  }
}
