import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { newConnection, newConnectionOptions } from '../../../../src/domain/new_connection.js';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * With a second plugin (Acme), the first save of its settings creates a connection named "acme".
 * When the tenant's fitbit connection already holds that name (the Management API named it), the
 * save is refused on the page in the words POST /api/v2/connections answers (Auth0's, for a name
 * taken), naming the holder, and creates nothing.
 */
describe('the first save of a plugin’s settings under a name another strategy’s connection holds', () => {
  const plugins = new Map([...connectionPlugins(), ['acme', fakePlugin()]]);
  const dashboard = useSignedInDashboard({ plugins, environment: { FITGATE_SANDBOX: 'on' } });
  const page = '/manage/t/default/social/acme';

  it('comes back as the settings page with the conflict explained, not a 500, and stores nothing', async () => {
    const store = dashboard.harness().store;
    const fitbit = plugins.get('fitbit')!;
    const holder = newConnection('default', fitbit, newConnectionOptions(fitbit), new Date(), 'acme');
    await store.connections.create(holder);

    const response = await submitForm(dashboard.agent(), page, page, { api: 'acme-v2', client_id: 'acme-key', client_secret: 'acme-secret', scope: ['steps'] });

    expect(response.status).toBe(409);
    expect(response.text).toContain(
      `<p class="panel error" role="alert">A connection with the same name already exists: &quot;acme&quot; is the name of the tenant&#39;s fitbit connection (${holder.id}), and the Acme connection is created under the name &quot;acme&quot;.`,
    );
    // The secret typed went nowhere, and the page says so.
    expect(response.text).toContain('the new secret you typed was not saved');
    const connections = await store.connections.list('default');
    expect(connections.map((connection) => ({ id: connection.id, strategy: connection.strategy, options: connection.options }))).toEqual([
      { id: holder.id, strategy: 'fitbit', options: holder.options },
    ]);
  });
});
