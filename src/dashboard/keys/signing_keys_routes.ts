import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { rotateSigningKey, signingKeyRevocation, type SigningKeyDeps } from '../../domain/signing_key_changes.js';
import { keyStates } from '../../domain/signing_key_rotation.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField } from '../form_fields.js';
import { answerSubmission, formTokenOf, newFormToken, submitOnce } from '../form_once.js';
import { renderPage } from '../views.js';

const ORDER = { current: 0, next: 1, previous: 2, revoked: 3 } as const;

/**
 * /manage/t/:tenant/signing-keys: the tenant's signing keys and the two buttons Auth0's dashboard
 * has, rotate and revoke, doing what the Management API does (src/domain/signing_key_changes.ts).
 * Each change is a POST with a confirmation box, answered by a redirect (Post/Redirect/Get). The
 * rotation form sent twice (a double click, Back and Rotate again) rotates once (form_once.ts): a
 * second rotation would retire the key the first made current. A revocation acts and is logged
 * once: its form sent twice leads where the first post did (form_once.ts), and a key another page
 * (a second tab, another admin) revoked already is left as it is, unlogged, and said to be so.
 */
export function signingKeysRoutes(deps: Pick<AppDeps, 'store' | 'sealer'>): Router {
  const router = Router({ mergeParams: true });
  const keyDeps: SigningKeyDeps = { tenants: deps.store.tenants, locks: deps.store.locks, sealer: deps.sealer };

  /** A refused rotation is shown again with the token it was posted with, so that the page it came from cannot rotate once more. */
  async function show(req: Request, res: Response, errors?: Record<string, string>): Promise<void> {
    const tenant = await deps.store.tenants.get(res.locals.managedTenant!.name);
    const keys = keyStates(tenant ?? res.locals.managedTenant!).sort((a, b) => ORDER[a.status] - ORDER[b.status]);
    const notice = typeof req.query.done === 'string' && ['rotated', 'revoked', 'already_revoked'].includes(req.query.done) ? req.query.done : undefined;
    const formToken = req.method === 'POST' ? formTokenOf(req.body) : newFormToken();
    renderPage(res, 'signing_keys', { title: 'Signing keys', section: 'signing-keys', keys, notice, errors, formToken }, errors ? 400 : 200);
  }

  router.get('/', (req, res) => show(req, res));

  router.post('/rotate', async (req, res) => {
    if (!checkboxField(req.body, 'confirm')) return show(req, res, { confirm: 'Tick the box to confirm the rotation.' });
    const tenant = res.locals.managedTenant!.name;
    const answer = await submitOnce(deps.store, res, { form: 'signing-key-rotation', tenant, fields: [] }, async () => {
      const current = await rotateSigningKey(keyDeps, tenant);
      await logConfigChange(deps.store, req, res, { ...configChange(CONFIG_CHANGES.rotateSigningKey), details: { kid: current.kid } });
      return `${req.baseUrl}?done=rotated`;
    });
    answerSubmission(res, answer, { href: req.baseUrl, text: 'Signing keys' });
  });

  router.post('/:kid/revoke', async (req, res) => {
    const kid = req.params.kid ?? '';
    if (!checkboxField(req.body, 'confirm')) return show(req, res, { [`revoke-${kid}`]: 'Tick the box to confirm the revocation.' });
    const tenant = res.locals.managedTenant!.name;
    const answer = await submitOnce(deps.store, res, { form: 'signing-key-revocation', tenant, fields: [kid] }, async () => {
      const result = await signingKeyRevocation(keyDeps, tenant, kid);
      if (typeof result === 'string') {
        return void (await show(req, res, { [`revoke-${kid}`]: result === 'in_use' ? 'Only a previously used key can be revoked.' : 'There is no such key.' }));
      }
      if (result.alreadyRevoked) return `${req.baseUrl}?done=already_revoked`;
      await logConfigChange(deps.store, req, res, { ...configChange(CONFIG_CHANGES.revokeSigningKey, { kid }), details: { kid } });
      return `${req.baseUrl}?done=revoked`;
    });
    answerSubmission(res, answer, { href: req.baseUrl, text: 'Signing keys' });
  });

  return router;
}
