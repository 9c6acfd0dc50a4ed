import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { useSignedInDashboard } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/**
 * The Social list's card says which applications a connection is enabled for by name, whichever
 * they are (the 101st application created and after included, which a read of the first 100 named
 * by client id), and when there are more than a few it counts the rest rather than dropping them.
 */
describe("the Social list's applications a connection is enabled for", () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const list = '/manage/t/default/social';

  it('names the first five in the connection’s order, then says how many more', async () => {
    const harness = dashboard.harness();
    await configureFitbit(harness, { api: 'google-health' });
    const ids: string[] = [];
    for (let index = 1; index <= 120; index += 1) {
      ids.push((await createClient(harness.store.clients, { tenant: 'default', name: `App ${index}`, appType: 'regular_web' })).client.clientId);
    }
    const connection = (await harness.store.connections.getByName('default', 'fitbit'))!;
    // The newest first: each beyond the hundredth.
    await harness.store.connections.update({ ...connection, enabledClients: [...ids].reverse() });

    const { text } = await dashboard.agent().get(list).expect(200);
    expect(text).toContain('Enabled for: App 120, App 119, App 118, App 117, App 116 and 115 more (<a href="/manage/t/default/social/fitbit/applications"');
    for (const id of ids) expect(text).not.toContain(id);

    await harness.store.connections.update({ ...(await harness.store.connections.getByName('default', 'fitbit'))!, enabledClients: ids.slice(110, 112) });
    expect((await dashboard.agent().get(list).expect(200)).text).toContain('Enabled for: App 111, App 112 (<a');
  });
});
