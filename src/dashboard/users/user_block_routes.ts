import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { NotFoundInStoreError } from '../../domain/ports.js';
import { tenantUrl } from '../../domain/tenants.js';
import type { User } from '../../domain/types.js';
import { withBlocked } from '../../domain/user_changes.js';
import { NotFoundError } from '../../errors/index.js';
import type { Services } from '../../services.js';
import type { Store } from '../../store/store.js';
import { logConfigChange } from '../config_change_log.js';
import { renderPage } from '../views.js';

/** What the user page says once, after a Block or an Unblock (`?block_changed=`). */
export const BLOCK_CHANGES = ['blocked', 'unblocked'] as const;

/**
 * A user's Block… (a confirmation page, then a POST) and Unblock (a POST from the user's page), Auth0's
 * Block / Unblock: the same change as PATCH /api/v2/users/{id} with `{"blocked": …}`, through the same
 * domain function (domain/user_changes.ts: changeUser), so blocking ends the user's browser sessions
 * and tells the applications that asked as the API's block does, and is logged as that call ("Update
 * a user"). Each is made on the user as stored when it is written; blocking a blocked user again ends
 * nothing more, so a form sent twice does no harm. Every POST answers with a redirect to the user's page.
 */
export function userBlockRoutes(
  store: Store,
  changeUser: Services['changeUser'],
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
  findUser: (res: Response, userId: string | undefined) => Promise<User>,
): Router {
  const router = Router({ mergeParams: true });
  const userPage = (req: Request, user: User) => `${req.baseUrl}/${encodeURIComponent(user.userId)}`;

  router.get('/:userId/block', async (req, res) => {
    const user = await findUser(res, req.params.userId);
    // Already blocked (another tab, the Management API): the user's page says so and offers Unblock.
    if (user.blocked === true) return res.redirect(303, userPage(req, user));
    renderPage(res, 'user_block', { title: `Block ${user.name ?? user.userId}`, section: 'users', user });
  });

  async function setBlocked(req: Request, res: Response, blocked: boolean): Promise<void> {
    const user = await findUser(res, req.params.userId as string | undefined);
    const tenant = res.locals.managedTenant!;
    // The dashboard may be served on another host than the tenant's, so the place is the tenant's URL,
    // NAME.<base host>, as Sign out everywhere's is: the logout tokens carry the issuers the user's
    // sign-ins were made under (domain/ended_sessions.ts), this URL only for a record that does not say.
    await changeUser({ tenant, tenantUrl: tenantUrl(config, tenant.name) }, user.userId, (current, now) => withBlocked(current, blocked, now)).catch((error: unknown) => {
      throw error instanceof NotFoundInStoreError ? new NotFoundError('This tenant has no such user.') : error;
    });
    await logConfigChange(store, req, res, { ...configChange(CONFIG_CHANGES.updateUser, { id: user.userId }), userId: user.userId });
    res.redirect(303, `${userPage(req, user)}?block_changed=${blocked ? 'blocked' : 'unblocked'}`);
  }

  router.post('/:userId/block', (req, res) => setBlocked(req, res, true));
  router.post('/:userId/unblock', (req, res) => setBlocked(req, res, false));

  return router;
}
