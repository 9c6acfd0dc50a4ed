import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { useManagementHarness } from './harness.js';

/**
 * With a second plugin (Acme), POST /api/v2/connections of its strategy under a name a fitbit
 * connection already holds is Auth0's 409 for a name taken, whatever the strategy of the holder:
 * the rule the dashboard's first save of the Acme settings keeps too
 * (dashboard/connections/first_save_name_of_other_strategy.test.ts).
 */
let creator: string;
const harness = useManagementHarness(
  'management-connection-create-name-of-other-strategy',
  async (started) => {
    creator = await started.tokenWith(['create:connections']);
  },
  { plugins: new Map([...connectionPlugins(), ['acme', fakePlugin()]]) },
);

describe('POST /api/v2/connections under a name another strategy’s connection holds', () => {
  it('answers 409 connection_conflict in Auth0’s words and creates nothing', async () => {
    // The harness's fitbit connection goes, so the tenant's one fitbit connection is named "acme".
    await harness.store.connections.delete(harness.tenant.name, harness.connection.id);
    const holder = await harness.call('post', '/connections', creator, { name: 'acme', strategy: 'fitbit' }).expect(201);

    const response = await harness.call('post', '/connections', creator, { name: 'acme', strategy: 'acme' });

    expect(response.status).toBe(409);
    expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'A connection with the same name already exists', errorCode: 'connection_conflict' });
    const connections = await harness.store.connections.list(harness.tenant.name);
    expect(connections.map((connection) => ({ id: connection.id, strategy: connection.strategy }))).toEqual([{ id: (holder.body as { id: string }).id, strategy: 'fitbit' }]);
  });
});
