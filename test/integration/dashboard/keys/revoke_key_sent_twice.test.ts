import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { rotateSigningKey } from '../../../../src/domain/signing_key_changes.js';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard, type Agent } from '../dashboard_harness.js';
import { meetAtTheWrite } from '../sent_at_once.js';

const PAGE = '/manage/t/default/signing-keys';
const REVOKED = 'Revoke an Application Signing Key';

/**
 * A signing key's Revoke sent twice, as a double click or Back and Revoke again (one page), or from
 * two tabs (two pages), revokes the key once and logs it once: the log must not say a key was
 * revoked twice. The same page's second post leads where the first did; the other tab's page says
 * the key was revoked already and that nothing more was done.
 */
describe('the Revoke form of a signing key sent twice', () => {
  const dashboard = useSignedInDashboard();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** A key made previous by a rotation: the only kind that can be revoked. */
  async function previousKey(): Promise<string> {
    const { deps } = dashboard.harness();
    const retired = (await deps.store.tenants.get('default'))!.signingKeys.find((key) => key.status === 'current')!.kid;
    await rotateSigningKey({ tenants: deps.store.tenants, locks: deps.store.locks, sealer: deps.sealer }, 'default');
    return retired;
  }

  const revocationsLogged = async (kid: string) =>
    (await dashboard.harness().store.logs.list('default', { page: 0, perPage: 100, type: 'sapi' })).items.filter(
      (event) => event.description === REVOKED && JSON.stringify(event.details).includes(kid),
    ).length;
  const post = (agent: Agent, kid: string, fields: Record<string, string>) =>
    agent.post(`${PAGE}/${encodeURIComponent(kid)}/revoke`).type('form').send({ ...fields, confirm: 'on' });
  const statusOf = async (kid: string) => (await dashboard.harness().store.tenants.get('default'))!.signingKeys.find((key) => key.kid === kid)?.status;

  it('revokes and logs once for one page posted twice at once, both leading to "revoked"', async () => {
    const agent = dashboard.agent();
    const kid = await previousKey();
    const fields = await openCreateForm(agent, PAGE);
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    // Bound before the spy replaces it: the held write is the store's own.
    const update = meeting.held(store.tenants.update.bind(store.tenants));
    jest.spyOn(store.tenants, 'update').mockImplementation(update);

    const answers = await Promise.all([post(agent, kid, fields), post(agent, kid, fields)]);

    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, `${PAGE}?done=revoked`],
      [303, `${PAGE}?done=revoked`],
    ]);
    expect(meeting.writes()).toBe(1);
    expect(await statusOf(kid)).toBe('revoked');
    expect(await revocationsLogged(kid)).toBe(1);
  });

  it('revokes and logs once for two tabs posted at once, the second told the key was revoked already', async () => {
    const agent = dashboard.agent();
    const kid = await previousKey();
    const [first, second] = [await openCreateForm(agent, PAGE), await openCreateForm(agent, PAGE)];
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    // Bound before the spy replaces it: the held write is the store's own.
    const update = meeting.held(store.tenants.update.bind(store.tenants));
    jest.spyOn(store.tenants, 'update').mockImplementation(update);

    const locations = (await Promise.all([post(agent, kid, first), post(agent, kid, second)])).map((answer) => answer.headers.location);

    expect(locations.sort()).toEqual([`${PAGE}?done=already_revoked`, `${PAGE}?done=revoked`]);
    expect(await revocationsLogged(kid)).toBe(1);
  });

  it('says on the later tab\'s page that the key was revoked already and nothing more was done', async () => {
    const agent = dashboard.agent();
    const kid = await previousKey();
    const [first, second] = [await openCreateForm(agent, PAGE), await openCreateForm(agent, PAGE)];
    expect((await post(agent, kid, first).expect(303)).headers.location).toBe(`${PAGE}?done=revoked`);
    const revokedAt = (await dashboard.harness().store.tenants.get('default'))!.signingKeys.find((key) => key.kid === kid)?.revokedAt;

    const later = await post(agent, kid, second).expect(303);

    expect(later.headers.location).toBe(`${PAGE}?done=already_revoked`);
    const { text } = await agent.get(String(later.headers.location)).expect(200);
    expect(text).toContain('That key was already revoked (from another page or by another admin), at the time its row shows: nothing more was done.');
    expect(text).not.toContain('The key was revoked: it has left the JWKS');
    expect((await dashboard.harness().store.tenants.get('default'))!.signingKeys.find((key) => key.kid === kid)?.revokedAt).toBe(revokedAt);
    expect(await revocationsLogged(kid)).toBe(1);
  });
});
