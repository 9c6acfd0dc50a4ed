import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, realLogin, runTry, useTrySetup } from '../try_helpers.js';

const APP_CALLBACK = 'https://app.example/callback';

/**
 * After a connection moves from the legacy Fitbit API to Google Health, TRY names the user a login
 * keeps through migration (not the user_id a first login would create), in the login's own words,
 * and writes nothing: the user is the same record after TRY.
 */
describe('TRY after a switch from the previous API, for an account that signed in there', () => {
  const setup = useTrySetup();

  it('names the existing user and the carry-across, and leaves the user untouched', async () => {
    const harness = setup.harness();
    await configureFitbit(harness, { api: 'fitbit-legacy', ...DEMO.legacyServer });
    const web = await createClient(harness.store.clients, { tenant: 'default', name: 'Web', appType: 'regular_web', callbacks: [APP_CALLBACK] });
    // configureFitbit sets the connection's settings afresh, enabled for no application.
    const enableForWeb = async () => {
      const connection = (await harness.store.connections.getByName('default', 'fitbit'))!;
      await updateConnection(harness.store.connections, 'default', connection.id, (current) => ({ ...current, enabledClients: [web.client.clientId] }));
    };
    await enableForWeb();
    await realLogin(harness, web.client.clientId, APP_CALLBACK, 's1');
    const { items } = await harness.store.users.list('default', { page: 0, perPage: 10 });
    expect(items).toHaveLength(1);
    const before = items[0]!;
    expect(before.identities[0]).toMatchObject({ api: 'fitbit-legacy' });

    await configureFitbit(harness, { api: 'google-health', ...DEMO.googleServer });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));

    expect(page).toContain(`<tr><td><code>user_id</code></td><td><code>${before.userId}</code></td></tr>`);
    expect(page).toContain(`already signed in through the upstream's previous API as <code>${before.userId}</code>`);
    expect(page).toContain('moved from the Legacy Fitbit Web API to the Google Health API (<code>migrated_from_legacy</code>)');
    expect(page).not.toContain('A first login of this account creates this user');
    expect(await harness.store.users.get('default', before.userId)).toEqual(before);
    expect(await harness.store.users.count('default')).toBe(1);

    await enableForWeb();
    // The real login then does what TRY said: the same user, moved to the new API.
    await realLogin(harness, web.client.clientId, APP_CALLBACK, 's2');
    const after = await harness.store.users.get('default', before.userId);
    expect(after?.identities[0]).toMatchObject({ api: 'google-health' });
    expect(await harness.store.users.count('default')).toBe(1);
  });
});
