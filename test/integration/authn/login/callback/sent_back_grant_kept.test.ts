import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { DEMO, emulatorEndpoints, googleLogin, postForm } from '../../../../support/emulator.js';
import { captureLogLines } from '../../../../support/log_capture.js';
import { describeEachStore } from '../../../../support/stores.js';

const emulator = useEmulator('alice');

/** Alice's fitgate user, as the emulator seeds her Google Health id. */
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * The first round of a login sent back to Google (sent_back_for_refresh_token.test.ts) brought an
 * access token that fitgate never uses. It is dropped, not revoked: Google revokes a grant, not a
 * token (an access token's refresh token goes with it, as the emulator plays it), and the first
 * round's token belongs to the same grant of the user to the Client ID as the refresh token the
 * second round brings and as those other holders of that grant keep. Dropped, it is neither stored
 * nor logged, and ends by itself within the hour.
 */
describeEachStore('the first round of a login sent back to Google', (harness) => {
  let fitgate: FrontChannel;
  const log = captureLogLines();

  beforeAll(async () => {
    // The emulator outlives one store's suite: alice's grant starts anew in each.
    emulator().control.revokeUserGrants('alice');
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, logger: pino({ level: 'trace' }, log.destination) });
  });
  afterAll(() => fitgate.close());

  const refresh = (refreshToken: string) =>
    postForm(emulatorEndpoints(emulator().url).google.token, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: DEMO.googleServer.clientId,
      client_secret: DEMO.googleServer.clientSecret,
    });

  it('is not revoked: the grant, the refresh token the second round brought and another holder’s still work, and no token reaches a log', async () => {
    // Another holder of alice's grant to the Client ID (another application of its owner), with a refresh token.
    const earlier = await googleLogin(emulator().url, { user: 'alice' });
    const othersRefreshToken = earlier.body.refresh_token;
    expect(othersRefreshToken).toEqual(expect.any(String));
    const revocationsBefore = emulator().control.counters()['google-health'].revocations;

    const { arrivedAt, hops } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(hops.filter((hop) => hop.pathname.endsWith('/o/oauth2/v2/auth')).map((hop) => hop.searchParams.get('prompt'))).toEqual([null, 'consent']);
    expect(arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));

    expect(emulator().control.counters()['google-health'].revocations).toBe(revocationsBefore);
    const stored = (await fitgate.store.users.get(fitgate.tenant, ALICE))?.identities[0]?.tokens?.refreshToken;
    expect((await refresh(fitgate.deps.sealer.open(stored!))).status).toBe(200);
    expect((await refresh(othersRefreshToken as string)).status).toBe(200);
    // Google's access tokens start "ya29.": none reaches the process log, at any level, nor the tenant's log.
    expect(log.lines.filter((line) => line.includes('ya29.'))).toEqual([]);
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 50 });
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify(items)).not.toContain('ya29.');
  });
});
