import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { DEMO } from '../../../support/emulator.js';
import { configureFitbit, startTry, useTrySetup } from '../try_helpers.js';

const CONNECTION = '/manage/t/default/social/fitbit';

/**
 * Starting a TRY stores a transaction, calls the upstream and may log an event, so only the Try
 * button's form (a POST with the session's CSRF token) starts one: not a link or a form on another
 * site, which the admin's browser would follow with the session cookie (SameSite=Lax).
 */
describe('starting a TRY', () => {
  const setup = useTrySetup();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Counts, from now on, the TRY transactions stored and the authorize requests the upstream receives. */
  async function watchTryStarts() {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const put = jest.spyOn(setup.harness().store.ephemeral, 'put');
    const authorizeRequests = () => setup.emulator().control.counters()['google-health'].authorizeRequests;
    const before = authorizeRequests();
    return {
      stored: () => put.mock.calls.filter(([kind]) => kind === 'try_transaction').length,
      upstreamAsked: () => authorizeRequests() - before,
    };
  }

  it('refuses a POST without the session’s CSRF token: nothing stored, the upstream not asked', async () => {
    const starts = await watchTryStarts();

    const forged = await setup.agent().post(`${CONNECTION}/try`).set('Accept', 'text/html').type('form').send({}).expect(403);

    expect(forged.text).toContain('This form has expired');
    expect(forged.headers.location).toBeUndefined();
    expect(starts.stored()).toBe(0);
    expect(starts.upstreamAsked()).toBe(0);

    // The Try button's own form, with the token, does start one (the counters above do count).
    expect(await startTry(setup.agent())).toContain(setup.emulator().url);
    expect(starts.stored()).toBeGreaterThan(0);
    expect(starts.upstreamAsked()).toBe(1);
  });

  it('begins nothing on a GET: it leads to the connection’s page, where the Try button is', async () => {
    const starts = await watchTryStarts();

    const visited = await setup.agent().get(`${CONNECTION}/try`).expect(302);

    expect(visited.headers.location).toBe(CONNECTION);
    expect(starts.stored()).toBe(0);
    expect(starts.upstreamAsked()).toBe(0);
    const page = await setup.agent().get(CONNECTION).expect(200);
    // The page's Try belongs to the settings form, which carries the token (try_saves_first.test.ts).
    expect(page.text).toMatch(new RegExp(`<form method="post" action="${CONNECTION}" class="api-form"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]+">`));
    expect(page.text).toContain('<button type="submit" name="then" value="try" class="secondary">Try</button>');
  });

  it('refuses the settings form’s Try without the session’s CSRF token: nothing saved, nothing started', async () => {
    const starts = await watchTryStarts();
    const before = await setup.harness().store.connections.getByName('default', 'fitbit');

    await setup
      .agent()
      .post(CONNECTION)
      .set('Accept', 'text/html')
      .type('form')
      .send({ api: 'fitbit-legacy', client_id: '23FORGE', scope: 'activity', then: 'try' })
      .expect(403);

    expect(await setup.harness().store.connections.getByName('default', 'fitbit')).toEqual(before);
    expect(starts.stored()).toBe(0);
    expect(starts.upstreamAsked()).toBe(0);
  });
});
