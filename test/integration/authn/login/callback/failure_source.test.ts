import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import type { Store } from '../../../../../src/store/store.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');
afterEach(() => emulator().control.clearFailures());

/**
 * A failed login's event says whose failure it was (details.source), so the activity chart counts
 * the upstream's apart without guessing from the OAuth code, which both share (server_error,
 * temporarily_unavailable): the upstream's with the plugin's kind, fitgate's own fault as fitgate's.
 */
describeEachStore('whose failure a failed login’s event says it was', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  const lastFailure = async () => (await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'f' })).items[0];

  it('names the upstream and the plugin’s kind when the upstream failed', async () => {
    emulator().control.setFailure({ host: 'oauth2.googleapis.com', mode: { kind: 'status', status: 503 } });

    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);

    expect(arrivedAt?.searchParams.get('error')).toBe('temporarily_unavailable');
    expect((await lastFailure())?.details).toEqual({ error: 'temporarily_unavailable', source: 'upstream', upstream_kind: 'unavailable' });
  });

  it('names fitgate for a fault of its own after the upstream answered, with the same server_error an upstream’s refusal gets', async () => {
    const users = fitgate.store.users;
    const fault = async () => {
      throw new TypeError('a fault of fitgate while recording the login');
    };
    Object.assign(users, { create: fault, update: fault });
    try {
      const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
      expect(arrivedAt?.searchParams.get('error')).toBe('server_error');
    } finally {
      // The repository's own methods, on its prototype, answer again.
      for (const method of ['create', 'update'] as const) delete (users as Partial<Store['users']>)[method];
    }
    expect((await lastFailure())?.details).toEqual({ error: 'server_error', source: 'fitgate' });
  });
});
