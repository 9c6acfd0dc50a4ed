import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';

/**
 * A fitbit-legacy connection on Fitbit's own hosts, which answer 410 Gone since 2026-11-02: the
 * user would be left on Fitbit's page and never come back, so the client hears why at once.
 * No emulator: nothing may leave for the real hosts (this machine could not reach them anyway).
 */
describeEachStore('a legacy connection on Fitbit\'s retired hosts', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'unconfigured' }, api: 'fitbit-legacy' });
    await fitgate.updateConnection({ clientId: '23ABCD', clientSecret: fitgate.deps.sealer.seal('legacy-secret') });
  });
  afterAll(() => fitgate.close());

  it('answers the client temporarily_unavailable, telling it to switch to Google Health, without sending the user to Fitbit', async () => {
    const answer = await fitgate.browser().get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'kept' }));
    expect(answer.status).toBe(302);
    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(answer.location?.searchParams.get('error_description')).toMatch(/legacy Fitbit API is shut down.*google-health/);
    expect(answer.location?.searchParams.get('state')).toBe('kept');
  });
});
