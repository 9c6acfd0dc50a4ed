import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { HOST } from '../dashboard_harness.js';
import { configureFitbit, sandboxApproval, startTry, useDashboardForTry } from '../try_helpers.js';

/**
 * The same TRY callback hit twice (at once, as a browser may send it, or reloaded later): the first
 * saves the report, and every hit lands on it, rather than the second on "Try failed … already used"
 * while a report it cannot reach was saved.
 */
describe('a TRY callback hit twice', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });
  beforeAll(() => configureFitbit(setup.harness(), { api: 'google-health' }));
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sends both hits at once, and one sent later, to the report the first saved', async () => {
    const agent = setup.agent();
    const back = await sandboxApproval(agent, await startTry(agent));
    const callback = `/manage/try/callback${back.search}`;
    // The hit that takes the TRY saves its report only once the other has arrived too (found the
    // state used, or answered), so the two meet while the first is at work.
    const { ephemeral } = setup.harness().store;
    let bothArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (bothArrived = resolve));
    const get = ephemeral.get.bind(ephemeral);
    jest.spyOn(ephemeral, 'get').mockImplementation(async (kind, key) => {
      if (kind === 'try_used_state') bothArrived();
      return get(kind, key);
    });
    const put = ephemeral.put.bind(ephemeral);
    jest.spyOn(ephemeral, 'put').mockImplementation(async (kind, key, value, ttlSeconds) => {
      if (kind === 'try_report') await arrived;
      return put(kind, key, value, ttlSeconds);
    });

    const hits = await Promise.all([0, 1].map(() => agent.get(callback).then((answer) => (bothArrived(), answer))));

    const locations = hits.map((hit) => [hit.status, String(hit.headers.location)]);
    const result = String(hits[0]!.headers.location);
    expect(result).toMatch(new RegExp(`^http://${HOST}/manage/t/default/social/fitbit/try/result/[A-Za-z0-9_-]{24}$`));
    expect(locations).toEqual([
      [303, result],
      [303, result],
    ]);
    expect((await agent.get(new URL(result).pathname).expect(200)).text).toContain('It works');

    jest.restoreAllMocks();
    const later = await agent.get(callback).expect(303);
    expect(later.headers.location).toBe(result);
  });
});
