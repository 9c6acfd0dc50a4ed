import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../../src/logging/index.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { signedInAgent } from '../dashboard_harness.js';
import { configureFitbit, pressTryToFailure, useTrySetup } from '../try_helpers.js';

type LogLine = { level: number; msg?: string; err?: unknown; req?: { method?: string; url?: string }; res?: { statusCode?: number } };

/**
 * A TRY that fails before the browser leaves for the upstream (the authorize preflight's refusal,
 * no upstream to try) is kept as a report, as one failing at the callback is, and the Try button's
 * POST is answered with a redirect to it: reloading the result shows the report again and runs no
 * TRY, and the request log keeps an admin's typo out of its error lines.
 */
describe('a TRY refused before the browser leaves', () => {
  const log = captureLogLines();
  const lines = () => log.lines.map((line) => JSON.parse(line) as LogLine);
  const setup = useTrySetup({ environment: { FITGATE_SANDBOX: 'off' }, logger: createLogger({ level: 'info', destination: log.destination }) });

  const authorizeRequests = () => setup.emulator().control.counters()['google-health'].authorizeRequests;
  const failedTries = async () => (await setup.harness().store.logs.list('default', { type: 'f', page: 0, perPage: 50 })).items.filter((event) => event.details?.try === true);

  it('keeps an unknown Client ID’s refusal as a report that a reload shows again without trying again', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'typo.apps.googleusercontent.com', clientSecret: 'GOCSPX-never-tried' });
    const asked = authorizeRequests();
    const tries = (await failedTries()).length;

    const { text, location } = await pressTryToFailure(setup.agent());
    expect(text).toContain('<h1>Try failed</h1>');
    expect(text).toContain('does not know this Client ID');
    // The refused authorize URL is among the steps; nothing came back to the callback.
    expect(text).toContain('client_id=typo.apps.googleusercontent.com');
    expect(text).toContain('None: the Try stopped before your browser was sent to the upstream');
    expect(text).not.toContain('GOCSPX-never-tried');

    const reloaded = await setup.agent().get(location).expect(200);
    expect(reloaded.text).toContain('does not know this Client ID');
    expect(authorizeRequests()).toBe(asked + 1);
    expect((await failedTries()).length).toBe(tries + 1);
  });

  it('shows that report to no other admin', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'typo.apps.googleusercontent.com', clientSecret: 'GOCSPX-never-tried' });
    const { location } = await pressTryToFailure(setup.agent());
    const other = await signedInAgent(setup.harness().app, await setup.harness().seedAdmin('other@example.com', ['default']));
    await other.get(location).expect(404);
  });

  it('logs the refused TRY’s requests as requests, not as fitgate’s errors', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'typo.apps.googleusercontent.com', clientSecret: 'GOCSPX-never-tried' });
    log.lines.length = 0;
    await pressTryToFailure(setup.agent());
    const requests = lines().filter((line) => line.req?.url?.includes('/social/fitbit/try'));
    expect(requests.map((line) => [line.req?.method, line.res?.statusCode])).toEqual([
      ['POST', 303],
      ['GET', 200],
    ]);
    for (const line of requests) {
      expect(line.level).toBe(30);
      expect(line).not.toHaveProperty('err');
    }
    expect(lines().filter((line) => line.level >= 50)).toEqual([]);
  });

  it('keeps "nothing to try" (no Client ID, no sandbox) as a report too', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health' });
    const { text } = await pressTryToFailure(setup.agent());
    expect(text).toContain('no Client ID and the sandbox is off');
  });
});
