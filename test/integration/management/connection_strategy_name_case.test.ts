import { beforeEach, describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let creator: string;
const harness = useManagementHarness('management-connection-strategy-name-case', async (started) => {
  creator = await started.tokenWith(['create:connections']);
});

/**
 * One connection per strategy: a name that differs from the existing one only in letter case is
 * another name to both stores (their name key is case-sensitive), so it is a second connection of
 * the strategy and refused with the same 409 naming the one the tenant has.
 */
describe('one connection per strategy, whatever the case of the name', () => {
  beforeEach(async () => {
    for (const connection of await harness.store.connections.list(harness.tenant.name)) {
      await harness.store.connections.delete(harness.tenant.name, connection.id);
    }
  });

  it.each([
    ['fitbit', 'Fitbit'],
    ['Fitbit', 'fitbit'],
    ['fitbit-main', 'FITBIT-MAIN'],
  ])('refuses %s then %s with a 409 naming the first, and stores nothing', async (first, second) => {
    const created = await harness.call('post', '/connections', creator, { name: first, strategy: 'fitbit' }).expect(201);
    const refused = await harness.call('post', '/connections', creator, { name: second, strategy: 'fitbit' });

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict', errorCode: 'connection_conflict' });
    expect((refused.body as { message: string }).message).toContain(`"${first}", ${(created.body as { id: string }).id}`);
    const fitbits = (await harness.store.connections.list(harness.tenant.name)).filter((connection) => connection.strategy === 'fitbit');
    expect(fitbits.map((connection) => connection.name)).toEqual([first]);
  });

  it('still answers Auth0’s own conflict for the very same name', async () => {
    await harness.call('post', '/connections', creator, { name: 'fitbit', strategy: 'fitbit' }).expect(201);
    const refused = await harness.call('post', '/connections', creator, { name: 'fitbit', strategy: 'fitbit' }).expect(409);
    expect((refused.body as { message: string }).message).toBe('A connection with the same name already exists');
  });
});
