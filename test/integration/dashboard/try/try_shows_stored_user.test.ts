import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, realLogin, runTry, useTrySetup } from '../try_helpers.js';

const APP_CALLBACK = 'https://app.example/callback';

/** The value of a row of the result page's "What a login would store" table, as text. */
function shownValue(page: string, field: string): string | undefined {
  const row = new RegExp(`<tr><td><code>${field}</code></td><td>(?:<code>)?([^<]*)(?:</code>)?</td></tr>`).exec(page);
  return row?.[1]?.replaceAll('&amp;', '&');
}

/**
 * TRY's "What a login would store" is built by the login's own mapping: a real login of the same
 * account afterwards creates the user it named, with the attributes it showed.
 */
describe('what TRY says a login would store', () => {
  const setup = useTrySetup();

  it('is the user a real login of the same account then creates', async () => {
    const harness = setup.harness();
    await configureFitbit(harness, { api: 'google-health', ...DEMO.googleServer });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    expect(page).toContain('<h2>What a login would store</h2>');
    const shownUserId = shownValue(page, 'user_id');
    expect(shownUserId).toMatch(/^fitbit\|.+/);
    expect(await harness.store.users.count('default')).toBe(0);

    const web = await createClient(harness.store.clients, { tenant: 'default', name: 'Web', appType: 'regular_web', callbacks: [APP_CALLBACK] });
    const connection = (await harness.store.connections.getByName('default', 'fitbit'))!;
    await updateConnection(harness.store.connections, 'default', connection.id, (current) => ({ ...current, enabledClients: [web.client.clientId] }));
    const finished = await realLogin(harness, web.client.clientId, APP_CALLBACK, 's1');
    expect(finished.searchParams.get('code')).toBeTruthy();

    const user = await harness.store.users.get('default', shownUserId!);
    expect(user?.userId).toBe(shownUserId);
    for (const field of ['name', 'nickname', 'email', 'picture'] as const) expect([field, shownValue(page, field)]).toEqual([field, user?.[field] ?? 'none']);
  });
});
