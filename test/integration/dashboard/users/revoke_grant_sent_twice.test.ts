import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { consentGrantIdOf, withGrant } from '../../../../src/domain/user_grants.js';
import { updateUser } from '../../../../src/domain/user_updates.js';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard, type Agent } from '../dashboard_harness.js';
import { meetAtTheWrite } from '../sent_at_once.js';

const PAGE_OF = (userId: string) => `/manage/t/default/users/${encodeURIComponent(userId)}`;
const REVOKED = 'Delete a grant';

/**
 * A grant's Revoke on a user's page sent twice, as a double click or Back and Revoke again (one
 * page), or from two tabs (two pages), revokes the grant once and logs it once: the log must not say
 * a grant was revoked twice. The same page's second post leads where the first did; the other tab's
 * lands on the user's page saying the grant was revoked already and nothing more was done.
 */
describe('the Revoke form of a user grant sent twice', () => {
  const dashboard = useSignedInDashboard();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  let users = 0;
  /** A new user holding a grant to one application: the user's id and the grant's. */
  async function userWithGrant(): Promise<{ userId: string; grantId: string }> {
    const { store } = dashboard.harness();
    const userId = `fitbit|twice-${++users}`;
    const now = new Date().toISOString();
    await store.users.create({ tenant: 'default', userId, name: `Twice ${users}`, identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    const user = await updateUser(store.users, 'default', userId, (current) => withGrant(current, 'partner-client', ['openid', 'email'], new Date()));
    return { userId, grantId: consentGrantIdOf(user, 'partner-client')! };
  }

  const post = (agent: Agent, userId: string, grantId: string, fields: Record<string, string>) =>
    agent.post(`${PAGE_OF(userId)}/grants/${encodeURIComponent(grantId)}/revoke`).type('form').send({ ...fields, confirm: 'on' });
  const landing = (userId: string, outcome: string) => `${PAGE_OF(userId)}?grant_revoked=${outcome}#authorized-applications`;
  const revocationsLogged = async (grantId: string) =>
    (await dashboard.harness().store.logs.list('default', { page: 0, perPage: 100, type: 'sapi' })).items.filter(
      (event) => event.description === REVOKED && event.details?.request !== undefined && JSON.stringify(event.details).includes(grantId),
    ).length;
  const grantsOf = async (userId: string) => (await dashboard.harness().store.users.get('default', userId))!.grants ?? [];

  it('revokes and logs once for one page posted twice at once, both leading to "revoked"', async () => {
    const agent = dashboard.agent();
    const { userId, grantId } = await userWithGrant();
    const fields = await openCreateForm(agent, PAGE_OF(userId));
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    // Bound before the spy replaces it: the held write is the store's own.
    const update = meeting.held(store.users.update.bind(store.users));
    jest.spyOn(store.users, 'update').mockImplementation(update);

    const answers = await Promise.all([post(agent, userId, grantId, fields), post(agent, userId, grantId, fields)]);

    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, landing(userId, 'revoked')],
      [303, landing(userId, 'revoked')],
    ]);
    expect(meeting.writes()).toBe(1);
    expect(await grantsOf(userId)).toEqual([]);
    expect(await revocationsLogged(grantId)).toBe(1);
  });

  it('revokes and logs once for two tabs posted at once, the second told the grant was revoked already', async () => {
    const agent = dashboard.agent();
    const { userId, grantId } = await userWithGrant();
    const [first, second] = [await openCreateForm(agent, PAGE_OF(userId)), await openCreateForm(agent, PAGE_OF(userId))];
    // Not held at the write as above: the two revocations' writes of one user take turns in this
    // process (domain/user_updates.ts), so the second reaches the store only after the first.

    const locations = (await Promise.all([post(agent, userId, grantId, first), post(agent, userId, grantId, second)])).map((answer) => answer.headers.location);

    expect(locations.sort()).toEqual([landing(userId, 'already'), landing(userId, 'revoked')]);
    expect(await revocationsLogged(grantId)).toBe(1);
  });

  it("says on the later tab's page that the grant was revoked already and nothing more was done", async () => {
    const agent = dashboard.agent();
    const { userId, grantId } = await userWithGrant();
    const [first, second] = [await openCreateForm(agent, PAGE_OF(userId)), await openCreateForm(agent, PAGE_OF(userId))];
    expect((await post(agent, userId, grantId, first).expect(303)).headers.location).toBe(landing(userId, 'revoked'));

    const later = await post(agent, userId, grantId, second).expect(303);

    expect(later.headers.location).toBe(landing(userId, 'already'));
    const { text } = await agent.get(String(later.headers.location)).expect(200);
    expect(text).toContain('That authorization was already revoked (from another page, by another admin or through the Management API): nothing more was done.');
    expect(text).not.toContain('Revoked: the application asks this user again');
    expect(text).toContain('This user has authorized no third-party application.');
    expect(await revocationsLogged(grantId)).toBe(1);
  });
});
