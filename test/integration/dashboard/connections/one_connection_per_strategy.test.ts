import { beforeEach, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { newConnection, newConnectionOptions } from '../../../../src/domain/new_connection.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The dashboard keeps the rule POST /api/v2/connections keeps: one connection per strategy. A tenant
 * whose fitbit connection the Management API named `Fitbit` (not the strategy's name, `fitbit`) gets
 * that one changed by the Fitbit settings form, never a second one beside it.
 */
describe('the dashboard’s first save of a strategy the tenant has under another letter case', () => {
  const plugins = connectionPlugins();
  const dashboard = useSignedInDashboard({ plugins });
  const page = '/manage/t/default/social/fitbit';
  const fitbits = async () => (await dashboard.harness().store.connections.list('default')).filter((connection) => connection.strategy === 'fitbit');

  beforeEach(async () => {
    for (const connection of await dashboard.harness().store.connections.list('default')) {
      await dashboard.harness().store.connections.delete('default', connection.id);
    }
  });

  it('changes the `Fitbit` connection instead of creating `fitbit`', async () => {
    const plugin = plugins.get('fitbit')!;
    const existing = newConnection('default', plugin, newConnectionOptions(plugin), new Date(), 'Fitbit');
    await dashboard.harness().store.connections.create(existing);

    const saved = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'case.apps.googleusercontent.com', client_secret: 'GOCSPX-case', scope: ['profile'] });

    expect(saved.status).toBe(303);
    const after = await fitbits();
    expect(after.map((connection) => ({ id: connection.id, name: connection.name }))).toEqual([{ id: existing.id, name: 'Fitbit' }]);
    expect(after[0]!.options.clientId).toBe('case.apps.googleusercontent.com');
    expect(await dashboard.harness().store.connections.getByName('default', 'fitbit')).toBeUndefined();
  });
});
