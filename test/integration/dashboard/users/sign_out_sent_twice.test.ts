import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { isSignInEnded } from '../../../../src/domain/ended_sessions.js';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard, type Agent } from '../dashboard_harness.js';
import { meetAtTheWrite } from '../sent_at_once.js';

const USER = 'fitbit|sent-twice';
const USER_PAGE = `/manage/t/default/users/${encodeURIComponent(USER)}`;

/**
 * "Sign out everywhere" double-clicked, or sent again after going Back: the sessions end once. A
 * second end would put out the sign-ins the user made since the first (and tell the applications
 * again); a sign-in carries the user's sessionsEndedAt as its login read it, so the end made once is
 * that value left as the first post wrote it. The confirmation page opened again ends them again.
 */
describe('the Sign out everywhere form sent twice', () => {
  const dashboard = useSignedInDashboard();
  beforeAll(async () => {
    const now = new Date().toISOString();
    await dashboard.harness().store.users.create({ tenant: 'default', userId: USER, name: 'Sent Twice', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const endedAt = async () => (await dashboard.harness().store.users.get('default', USER))!.sessionsEndedAt;
  const openForm = (agent: Agent) => openCreateForm(agent, `${USER_PAGE}/sign-out`);
  const post = (agent: Agent, fields: Record<string, string>) => agent.post(`${USER_PAGE}/sign-out`).type('form').send(fields);

  it('ends the sessions once for two posts at once, and not again for a post sent later', async () => {
    const agent = dashboard.agent();
    const fields = await openForm(agent);
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    const update = meeting.held(store.users.update.bind(store.users));
    jest.spyOn(store.users, 'update').mockImplementation(update);

    const answers = await Promise.all([post(agent, fields), post(agent, fields)]);

    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, `${USER_PAGE}?sessions_ended=1`],
      [303, `${USER_PAGE}?sessions_ended=1`],
    ]);
    expect(meeting.writes()).toBe(1);
    const first = await endedAt();
    expect(first).toBeDefined();

    jest.restoreAllMocks();
    expect((await post(agent, fields).expect(303)).headers.location).toBe(`${USER_PAGE}?sessions_ended=1`);
    // A sign-in made after the first end carries its value, and is not ended by the post sent later.
    expect(isSignInEnded((await dashboard.harness().store.users.get('default', USER))!, { sessionsEndedAt: first })).toBe(false);
  });

  it('ends them again from the confirmation page opened again', async () => {
    const agent = dashboard.agent();
    await post(agent, await openForm(agent)).expect(303);
    const first = await endedAt();

    await post(agent, await openForm(agent)).expect(303);

    expect(isSignInEnded((await dashboard.harness().store.users.get('default', USER))!, { sessionsEndedAt: first })).toBe(true);
  });
});
