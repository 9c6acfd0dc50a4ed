import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import type { Store } from '../../store/store.js';
import { describeReauthorization } from '../../domain/identity_status.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { NotFoundInStoreError } from '../../domain/ports.js';
import { tenantUrl } from '../../domain/tenants.js';
import type { User } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import type { Services } from '../../services.js';
import { logConfigChange } from '../config_change_log.js';
import { answerSubmission, newFormToken, submitOnce } from '../form_once.js';
import { pageLinks, pageOf, PER_PAGE } from '../paging.js';
import { renderPage } from '../views.js';
import { authorizedApplications } from './authorized_applications.js';
import { removalErrorOf } from './removal_busy_error.js';
import { BLOCK_CHANGES, userBlockRoutes } from './user_block_routes.js';
import { GRANT_REVOCATIONS, revokeField, userGrantsRoutes } from './user_grants_routes.js';

/**
 * /manage/t/:tenant/users: search, a user's profile and identities (with their connection status),
 * the applications the user authorized on the consent page with their Revoke (user_grants_routes.ts),
 * Sign out everywhere (DELETE /api/v2/users/{id}/sessions), Block / Unblock (user_block_routes.ts),
 * and deletion, which drops the stored upstream tokens and then revokes them upstream, best effort.
 * Tokens are never rendered. Sign out everywhere sent twice (a double click, Back and the form sent
 * again) ends the sessions once (form_once.ts): a second end would put out a sign-in made since, and
 * tell the applications again.
 */
export function usersRoutes(
  store: Store,
  { removeUser, endUserSessions, changeUser }: Pick<Services, 'removeUser' | 'endUserSessions' | 'changeUser'>,
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
): Router {
  const router = Router({ mergeParams: true });
  const tenantOf = (res: Response) => res.locals.managedTenant!.name;

  async function findUser(res: Response, userId: string | undefined): Promise<User> {
    const user = userId ? await store.users.get(tenantOf(res), userId) : undefined;
    if (!user) throw new NotFoundError('This tenant has no such user.');
    return user;
  }

  router.get('/', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const page = pageOf(req.query.page);
    const { items, total } = await store.users.list(tenantOf(res), { page, perPage: PER_PAGE, ...(q && { q }) });
    renderPage(res, 'users', {
      title: 'Users',
      section: 'users',
      users: items,
      q,
      deleted: typeof req.query.deleted === 'string' ? req.query.deleted : undefined,
      paging: pageLinks(page, total, q ? { q } : {}),
    });
  });

  /** The user's page; `form` is a refused Revoke's (user_grants_routes.ts), shown again with its error. */
  async function showUser(req: Request, res: Response, user: User, form?: { errors: Record<string, string>; formToken: string }, status = 200): Promise<void> {
    const identities = user.identities.map((identity) => ({
      provider: identity.provider,
      connection: identity.connection,
      userId: identity.userId,
      legacyUserId: identity.legacyUserId,
      api: identity.api,
      grantedScopes: identity.grantedScopes,
      status: identity.status,
      statusReason: identity.status === 'needs_reauthorization' ? describeReauthorization(identity) : undefined,
      statusChangedAt: identity.statusChangedAt,
      hasTokens: Boolean(identity.tokens),
    }));
    const sessionsEnded = req.query.sessions_ended === '1';
    const blockChanged = BLOCK_CHANGES.find((change) => change === req.query.block_changed);
    const grantRevoked = GRANT_REVOCATIONS.find((outcome) => outcome === req.query.grant_revoked);
    const applications = await authorizedApplications(store.clients, user);
    renderPage(
      res,
      'user',
      {
        title: user.name ?? user.userId,
        section: 'users',
        user,
        identities,
        sessionsEnded,
        blockChanged,
        grantRevoked,
        applications,
        revokeField,
        formToken: form?.formToken ?? newFormToken(),
        errors: form?.errors,
      },
      status,
    );
  }

  router.get('/:userId', async (req, res) => {
    await showUser(req, res, await findUser(res, req.params.userId));
  });

  router.get('/:userId/sign-out', async (req, res) => {
    const user = await findUser(res, req.params.userId);
    renderPage(res, 'user_sign_out', { title: `Sign ${user.name ?? user.userId} out everywhere`, section: 'users', user, formToken: newFormToken() });
  });

  router.post('/:userId/sign-out', async (req, res) => {
    const user = await findUser(res, req.params.userId);
    const tenant = res.locals.managedTenant!;
    const userPage = `${req.baseUrl}/${encodeURIComponent(user.userId)}`;
    const answer = await submitOnce(store, res, { form: 'user-sign-out', tenant: tenant.name, fields: [user.userId] }, async () => {
      // The dashboard may be served on another host than the tenant's, so the place is the tenant's
      // URL, NAME.<base host>, as its Management API is reached there. The logout tokens carry the
      // issuers the user's sign-ins were made under (domain/ended_sessions.ts); this URL's only for a
      // user whose record does not say.
      await endUserSessions({ tenant, tenantUrl: tenantUrl(config, tenant.name) }, user.userId).catch((error: unknown) => {
        throw error instanceof NotFoundInStoreError ? new NotFoundError('This tenant has no such user.') : error;
      });
      await logConfigChange(store, req, res, {
        ...configChange(CONFIG_CHANGES.deleteUserSessions, { id: user.userId }),
        userId: user.userId,
      });
      return `${userPage}?sessions_ended=1`;
    });
    answerSubmission(res, answer, { href: userPage, text: user.name ?? user.userId });
  });

  router.use(userBlockRoutes(store, changeUser, config, findUser));
  router.use(userGrantsRoutes(store, findUser, showUser));

  router.get('/:userId/delete', async (req, res) => {
    const user = await findUser(res, req.params.userId);
    renderPage(res, 'user_delete', { title: `Delete ${user.name ?? user.userId}`, section: 'users', user });
  });

  router.post('/:userId/delete', async (req, res) => {
    const user = await findUser(res, req.params.userId);
    const revocations = await removeUser(user.tenant, user.userId).catch((error: unknown) => {
      throw removalErrorOf(error);
    });
    // As DELETE /api/v2/users/{id} logs it: the deleted user, and how the upstream revocation went
    // (undefined when the user was deleted meanwhile: then there was nothing to revoke).
    await logConfigChange(store, req, res, {
      ...configChange(CONFIG_CHANGES.deleteUser, { id: user.userId }),
      userId: user.userId,
      ...(revocations && { details: { upstream_revocation: revocations } }),
    });
    res.redirect(303, `${req.baseUrl}?deleted=${encodeURIComponent(user.userId)}`);
  });

  return router;
}
