import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createSealer } from '../../../../src/store/sealing.js';
import { configureFitbit, pressTryToFailure, useTrySetup } from '../try_helpers.js';

/**
 * A connection whose stored Client Secret fitgate cannot open (sealed under a master key that
 * FITGATE_MASTER_KEY no longer lists) has credentials: TRY must say the secret is unreadable and how
 * to store it again, not that the Client ID is missing and the sandbox off.
 */
describe('a TRY of a connection whose stored secret cannot be opened', () => {
  const setup = useTrySetup({ environment: { FITGATE_SANDBOX: 'off' } });

  it('explains the unreadable secret and its fix, calls no upstream, and logs the failed TRY', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: '1234567890-fitgate.apps.googleusercontent.com' });
    const connection = (await setup.harness().store.connections.getByName('default', 'fitbit'))!;
    const lostKey = createSealer([randomBytes(32)]);
    await setup.harness().store.connections.update({ ...connection, options: { ...connection.options, clientSecret: lostKey.seal('GOCSPX-sealed-elsewhere') } });
    const asked = setup.emulator().control.counters()['google-health'].authorizeRequests;

    const { text } = await pressTryToFailure(setup.agent());

    expect(text).toContain('<h1>Try failed</h1>');
    expect(text).toContain('cannot open the Client Secret stored for this connection');
    expect(text).toContain('Paste the Client Secret again in the Settings tab and save');
    expect(text).not.toContain('no Client ID and the sandbox is off');
    expect(text).not.toContain('GOCSPX-sealed-elsewhere');
    expect(setup.emulator().control.counters()['google-health'].authorizeRequests).toBe(asked);
    const { items } = await setup.harness().store.logs.list('default', { type: 'f', page: 0, perPage: 5 });
    const details = items.find((event) => event.details?.try === true)?.details;
    // fitgate's own failure, as a login's would be: no upstream was called.
    expect(details).toMatchObject({ error: 'server_error', source: 'fitgate', try_failure: 'secret_unreadable' });
    expect(details).not.toHaveProperty('upstream_kind');
  });
});
