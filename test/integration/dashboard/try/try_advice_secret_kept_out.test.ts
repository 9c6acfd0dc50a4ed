import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../../src/logging/index.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, startTry, useTrySetup } from '../try_helpers.js';

/**
 * For its credential advice, a refused TRY opens the stored client secret. The secret, or the part
 * of it inside pasted quotation marks, reaches neither the result page, nor the report kept in the
 * short-lived store, nor the tenant's log, nor the process log (at debug level, request lines
 * included).
 */
describe('TRY refused the client: the stored secret stays where it was', () => {
  const log = captureLogLines();
  const setup = useTrySetup({ logger: createLogger({ level: 'debug', destination: log.destination }) });

  it('is in no page, report or log line of the refused TRY', async () => {
    const secret = DEMO.googleServer.clientSecret;
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: DEMO.googleServer.clientId, clientSecret: ` '${secret}' ` });
    const agent = setup.agent();
    const back = await followUpstream(approveUrl(await startTry(agent), { user: 'alice' }));
    const callback = await agent.get(`/login/callback${back.search}`).expect(303);
    const finished = await agent.get(String(callback.headers.location)).expect(303);
    const result = new URL(String(finished.headers.location));
    const page = (await agent.get(result.pathname).expect(200)).text;
    expect(page).toContain('The Client Secret is wrapped in quotation marks');

    const id = result.pathname.split('/').pop()!;
    const report = await setup.harness().store.ephemeral.get('try_report', id);
    expect(report).toBeDefined();
    const events = await setup.harness().store.logs.list('default', { page: 0, perPage: 50 });
    expect(log.lines.some((line) => line.includes('dashboard TRY finished'))).toBe(true);
    for (const kept of [page, JSON.stringify(report), JSON.stringify(events), ...log.lines]) expect(kept).not.toContain(secret);
  });
});
