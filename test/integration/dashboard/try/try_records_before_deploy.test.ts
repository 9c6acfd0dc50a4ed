import { beforeAll, describe, expect, it } from '@jest/globals';
import { configureFitbit, sandboxApproval, startTry, useDashboardForTry } from '../try_helpers.js';

/**
 * Until this version a TRY's used-state markers ("used:<state>") and reports ("result:<id>") were
 * kept as `try_transaction` records; they have kinds of their own now, with no migration, since they
 * live at most 15 minutes. A deploy in the middle of a TRY fails cleanly: a TRY in flight (still a
 * `try_transaction` under its state) finishes; a report kept before is not found, and its page says
 * it expired; a state used before is answered as any stale login state is.
 */
describe('TRY records kept by the version before the deploy', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });
  beforeAll(() => configureFitbit(setup.harness(), { api: 'google-health' }));

  /** A finished TRY: the upstream's redirect back, and where its result is shown. */
  async function finishedTry(): Promise<{ back: URL; resultPath: string; reportId: string }> {
    const agent = setup.agent();
    const back = await sandboxApproval(agent, await startTry(agent));
    const callback = await agent.get(`/login/callback${back.search}`).expect(303);
    const finished = await agent.get(String(callback.headers.location)).expect(303);
    const resultPath = new URL(String(finished.headers.location)).pathname;
    return { back, resultPath, reportId: resultPath.split('/').pop()! };
  }

  it('does not find a report kept under the old kind: its page says it does not exist or has expired', async () => {
    const { ephemeral } = setup.harness().store;
    const { resultPath, reportId } = await finishedTry();
    expect((await setup.agent().get(resultPath).expect(200)).text).toContain('It works');

    // Where the version before kept it.
    const report = await ephemeral.get('try_report', reportId);
    expect(await ephemeral.delete('try_report', reportId)).toBe(true);
    await ephemeral.put('try_transaction', `result:${reportId}`, report, 60);

    const page = await setup.agent().get(resultPath).expect(404);
    expect(page.text).toContain('This Try result does not exist or has expired');
  });

  it('answers a state the version before marked as used as a stale login state', async () => {
    const { ephemeral } = setup.harness().store;
    const { back } = await finishedTry();
    const state = back.searchParams.get('state')!;

    expect(await ephemeral.delete('try_used_state', state)).toBe(true);
    await ephemeral.put('try_transaction', `used:${state}`, { used: true }, 60);

    const page = await setup.agent().get(`/login/callback${back.search}`).expect(400);
    expect(page.text).toContain('This login link has expired, was already used, or was started in another browser.');
  });
});
