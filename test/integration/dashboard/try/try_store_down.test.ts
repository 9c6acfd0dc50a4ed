import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import type { EphemeralKind } from '../../../../src/domain/ports.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/** A TRY that cannot begin because fitgate's own store fails says so, and blames no upstream. */
describe('TRY when fitgate’s store fails as it begins', () => {
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => harness.close());

  it('answers fitgate’s own 503 page, not a failed TRY of the upstream, and logs no failed TRY', async () => {
    const put = harness.store.ephemeral.put.bind(harness.store.ephemeral);
    jest.spyOn(harness.store.ephemeral, 'put').mockImplementation(async (kind: EphemeralKind, ...rest) => {
      if (kind === 'try_transaction') throw new StoreUnavailableError();
      return put(kind, ...rest);
    });
    const eventsBefore = (await harness.store.logs.list('default', { page: 0, perPage: 100 })).items.length;

    const page = await agent.get('/manage/t/default/social/fitbit/try').set('Accept', 'text/html').expect(503);

    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).not.toContain('The upstream answered something fitgate could not use');
    expect(page.text).not.toContain('Try failed');
    expect((await harness.store.logs.list('default', { page: 0, perPage: 100 })).items).toHaveLength(eventsBefore);

    jest.restoreAllMocks();
    const started = await agent.get('/manage/t/default/social/fitbit/try').expect(302);
    expect(String(started.headers.location)).toContain('/_sandbox/');
  });
});
