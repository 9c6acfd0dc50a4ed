import { describe, expect, it, jest } from '@jest/globals';
import { newConnection, newConnectionOptions } from '../../../../src/domain/new_connection.js';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { csrfFrom, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * One connection per strategy holds on the dashboard's create path too: a connection of the plugin's
 * strategy created (through the Management API, on another worker) after the save read the tenant's
 * connections, and before it created its own, refuses the save on the page; no second one is made.
 */
describe('the first save of a plugin’s settings when its strategy’s connection was created meanwhile', () => {
  const plugin = fakePlugin();
  const dashboard = useSignedInDashboard({ plugins: new Map([['acme', plugin]]), environment: { FITGATE_SANDBOX: 'on' } });
  const page = '/manage/t/default/social/acme';

  it('comes back as the settings page naming the one created, and creates no second', async () => {
    const store = dashboard.harness().store;
    const _csrf = await csrfFrom(dashboard.agent(), page);
    const rival = newConnection('default', plugin, newConnectionOptions(plugin), new Date(), 'acme-lab');
    // The save's own read of the tenant's connections finds none; the rival is stored right after it.
    const list = store.connections.list.bind(store.connections);
    jest.spyOn(store.connections, 'list').mockImplementationOnce(async (tenant) => {
      const before = await list(tenant);
      await store.connections.create(rival);
      return before;
    });

    const response = await dashboard.agent().post(page).type('form').send(new URLSearchParams({ _csrf, api: 'acme-v2', client_id: 'acme-key', scope: 'steps' }).toString());

    expect(response.status).toBe(409);
    expect(response.text).toContain(
      `<p class="panel error" role="alert">The Acme connection &quot;acme-lab&quot; (${rival.id}) was created meanwhile, and fitgate keeps one connection per strategy in a tenant.`,
    );
    expect((await store.connections.list('default')).map((connection) => connection.id)).toEqual([rival.id]);
  });
});
