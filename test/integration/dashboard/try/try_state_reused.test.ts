import { beforeAll, describe, expect, it } from '@jest/globals';
import { configureFitbit, finishTry, sandboxApproval, startTry, useDashboardForTry } from '../try_helpers.js';

/**
 * An admin who goes Back to the upstream's consent page after a TRY ended and allows again brings a
 * used state, with a new code, to /login/callback. It goes to TRY's own page, which says to press
 * Try again, not to the login's, which would send the admin "back to the application", nor to the
 * report of the first answer (the same callback again goes there: try_callback_hit_twice.test.ts).
 */
describe('a TRY\'s state used a second time', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });
  beforeAll(() => configureFitbit(setup.harness(), { api: 'google-health' }));

  it('lands on TRY\'s page saying it was already used, not on the login\'s', async () => {
    const agent = setup.agent();
    const authorizeUrl = await startTry(agent);
    const back = await sandboxApproval(agent, authorizeUrl);
    expect(await finishTry(agent, back)).toContain('It works');

    const allowedAgain = await sandboxApproval(agent, authorizeUrl);
    expect(allowedAgain.searchParams.get('state')).toBe(back.searchParams.get('state'));
    expect(allowedAgain.searchParams.get('code')).not.toBe(back.searchParams.get('code'));
    const again = await agent.get(`/login/callback${allowedAgain.search}`).expect(303);
    expect(String(again.headers.location)).toBe(`/manage/try/callback${allowedAgain.search}`);
    const page = await agent.get(String(again.headers.location)).expect(400);
    expect(page.text).toContain('already used or took longer than 10 minutes');
    expect(page.text).not.toContain('Go back to the application');
  });
});
