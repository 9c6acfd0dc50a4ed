import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { configureFitbit, sandboxApproval, startTry, useDashboardForTry } from '../try_helpers.js';

/**
 * A TRY callback whose first hit never recorded where it sent the browser (its process died, or that
 * write failed), repeated once the first cannot still be at work: it answers "already used" at once,
 * rather than every repeat of the address (no session needed) waiting out the whole bound.
 */
describe('a repeat of a TRY callback that never settled', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });
  beforeAll(() => configureFitbit(setup.harness(), { api: 'google-health' }));
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers "already used" at once when the state was used longer ago than the wait bound', async () => {
    const agent = setup.agent();
    const back = await sandboxApproval(agent, await startTry(agent));
    const state = String(back.searchParams.get('state'));
    const { ephemeral } = setup.harness().store;
    const put = ephemeral.put.bind(ephemeral);
    jest.spyOn(ephemeral, 'put').mockImplementation(async (kind, key, value, ttlSeconds) => {
      if (kind === 'try_used_state') throw new Error('store down');
      return put(kind, key, value, ttlSeconds);
    });
    await agent.get(`/manage/try/callback${back.search}`).expect(303);
    jest.restoreAllMocks();
    // The record the first hit left, made a minute ago: past any first callback's work.
    const used = await ephemeral.get<Record<string, unknown>>('try_used_state', state);
    expect(used).toMatchObject({ used: true, callback: expect.any(String) });
    expect(used).not.toHaveProperty('settled');
    await ephemeral.put('try_used_state', state, { ...used, at: Date.now() - 60_000 }, 60);

    const again = await agent.get(`/manage/try/callback${back.search}`).expect(400);
    expect(again.text).toContain('already used or took longer than 10 minutes');
  }, 3_000);
});
