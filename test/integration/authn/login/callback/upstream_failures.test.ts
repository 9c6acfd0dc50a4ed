import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { FailureMode, Host } from '../../../../../src/emulator/index.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();
afterEach(() => {
  emulator().control.clearFailures();
  emulator().control.setLegacyShutdown(false);
  emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
});

describeEachStore('upstream failures during login', (harness) => {
  describe.each(['google-health', 'fitbit-legacy'] as const)('through %s', (api) => {
    const tokenHost: Host = api === 'google-health' ? 'oauth2.googleapis.com' : 'api.fitbit.com';
    let fitgate: FrontChannel;
    beforeAll(async () => {
      // Short, so a hanging upstream ends the login quickly; the emulator answers far within it otherwise.
      fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api, upstreamTimeoutMs: 1500 });
    });
    afterAll(() => fitgate.close());

    /** Runs a login whose upstream approves, with `breakUpstream` applied just before the browser returns. */
    async function loginWith(breakUpstream: () => void): Promise<URLSearchParams> {
      emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
      const browser = fitgate.browser();
      const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }));
      const callback = await browser.get(toUpstream.location!);
      breakUpstream();
      const toClient = await browser.get(callback.location!);
      expect(toClient.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
      return toClient.location!.searchParams;
    }

    const failing = (mode: FailureMode) => () => emulator().control.setFailure({ host: tokenHost, mode });

    it('gives the client access_denied with its state when the user denies upstream', async () => {
      emulator().control.setAutoConsent({ user: 'alice', decision: 'deny' });
      const browser = fitgate.browser();
      const { arrivedAt } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }), CLIENT_CALLBACK);
      expect(arrivedAt?.searchParams.get('error')).toBe('access_denied');
      expect(arrivedAt?.searchParams.get('state')).toBe('client-st');
      expect(arrivedAt?.searchParams.get('code')).toBeNull();
    });

    it.each([
      ['a 503', { kind: 'status', status: 503 } as const, /not available \(HTTP 503\)/],
      ['a 500', { kind: 'status', status: 500 } as const, /not available/],
      ['a 429', { kind: 'rate-limit', retryAfterSeconds: 30 } as const, /rate limiting/],
      ['a reset connection', { kind: 'reset' } as const, /not available/],
      ['no answer in time', { kind: 'timeout' } as const, /did not answer in time/],
    ])('gives the client temporarily_unavailable naming the cause when the token endpoint answers %s', async (_case, mode, cause) => {
      const error = await loginWith(failing(mode));
      expect(error.get('error')).toBe('temporarily_unavailable');
      expect(error.get('error_description')).toMatch(cause);
      expect(error.get('state')).toBe('client-st');
    });

    it('records a failed login event with the error and no upstream secrets', async () => {
      await loginWith(failing({ kind: 'status', status: 503 }));
      const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'f' });
      expect(items[0]).toMatchObject({ type: 'f', connection: 'fitbit', clientId: fitgate.webClient.clientId, details: { error: 'temporarily_unavailable' } });
      expect(JSON.stringify(items[0])).not.toMatch(/secret|code=/i);
    });
  });

  describe('legacy shutdown', () => {
    let fitgate: FrontChannel;
    beforeAll(async () => {
      fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api: 'fitbit-legacy' });
    });
    afterAll(() => fitgate.close());

    it('gives the client temporarily_unavailable telling the admin to switch to google-health on a 410', async () => {
      emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
      const browser = fitgate.browser();
      const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
      const callback = await browser.get(toUpstream.location!);
      emulator().control.setLegacyShutdown(true);
      const toClient = await browser.get(callback.location!);
      expect(toClient.location?.searchParams.get('error')).toBe('temporarily_unavailable');
      expect(toClient.location?.searchParams.get('error_description')).toMatch(/410 Gone.*google-health/);
    });
  });
});
