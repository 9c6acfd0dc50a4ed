import { Router, type Request, type Response } from 'express';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import type { User } from '../../domain/types.js';
import { revokeUserGrant } from '../../domain/user_grant_revocation.js';
import { findUserGrant, userIdOfGrant } from '../../domain/user_grants.js';
import { NotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField } from '../form_fields.js';
import { answerSubmission, formTokenOf, submitOnce } from '../form_once.js';

/** What the user page says once, after a Revoke (`?grant_revoked=`): done, or found done already. */
export const GRANT_REVOCATIONS = ['revoked', 'already'] as const;

/** The id of the user page's Authorized applications section: where a Revoke lands. */
export const AUTHORIZED_APPLICATIONS = 'authorized-applications';

/** The user's page again, showing a refused Revoke form with its error and the token it was posted with. */
export type ShowUser = (req: Request, res: Response, user: User, form: { errors: Record<string, string>; formToken: string }, status: number) => Promise<void>;

/** The field a refused Revoke's error is shown next to: one per grant, as the signing keys' page names its rows. */
export const revokeField = (grantId: string) => `revoke-${grantId}`;

/**
 * POST /:userId/grants/:grantId/revoke: Auth0's Revoke on a user's Authorized Applications tab, the
 * same change as DELETE /api/v2/grants/{id} through the same function (domain/user_grant_revocation.ts),
 * logged as that call ("Delete a grant", `details.user_id`). A POST with a confirmation box, like a
 * signing key's Revoke: the form sent twice from one page (a double click, Back and Revoke again)
 * leads where the first post did (form_once.ts); a grant another page (a second tab, another admin,
 * the Management API) revoked already is left unlogged, and the user's page says it was revoked
 * already. Each answer is a redirect to the user's page, at the section.
 */
export function userGrantsRoutes(store: Store, findUser: (res: Response, userId: string | undefined) => Promise<User>, showUser: ShowUser): Router {
  const router = Router({ mergeParams: true });

  router.post('/:userId/grants/:grantId/revoke', async (req, res) => {
    const user = await findUser(res, req.params.userId);
    const grantId = req.params.grantId ?? '';
    // A grant's id names the user whose record holds it: one naming anyone else is none of this page's.
    if (userIdOfGrant(grantId) !== user.userId) throw new NotFoundError('This user has no such authorized application.');
    const tenant = res.locals.managedTenant!.name;
    const userPage = `${req.baseUrl}/${encodeURIComponent(user.userId)}`;
    const landing = (outcome: (typeof GRANT_REVOCATIONS)[number]) => `${userPage}?grant_revoked=${outcome}#${AUTHORIZED_APPLICATIONS}`;

    if (!checkboxField(req.body, 'confirm')) {
      // Revoked meanwhile: the admin's goal is met, and there is nothing to confirm.
      if (!findUserGrant(user, grantId)) return res.redirect(303, landing('already'));
      const errors = { [revokeField(grantId)]: 'Tick the box to confirm that the application’s refresh tokens stop working now.' };
      return showUser(req, res, user, { errors, formToken: formTokenOf(req.body) }, 400);
    }
    const answer = await submitOnce(store, res, { form: 'user-grant-revocation', tenant, fields: [user.userId, grantId] }, async () => {
      const revoked = await revokeUserGrant(store.users, tenant, grantId);
      if (!revoked) return landing('already');
      await logConfigChange(store, req, res, { ...configChange(CONFIG_CHANGES.deleteGrant, { id: grantId }), details: { user_id: revoked.userId } });
      return landing('revoked');
    });
    answerSubmission(res, answer, { href: userPage, text: user.name ?? user.userId });
  });

  return router;
}
