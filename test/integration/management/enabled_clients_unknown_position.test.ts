import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

/**
 * PATCH /connections/{id}/clients names an unknown client id where its body holds it: the body is a
 * list of changes, so the place is `<index>.client_id`, counting every change (disabling ones too).
 */
let admin: string;
let creator: string;
const harness = useManagementHarness('management-enabled-clients-unknown', async (started) => {
  admin = await started.tokenWith(['read:connections', 'update:connections']);
  creator = await started.tokenWith(['create:clients']);
});

describe('PATCH /api/v2/connections/{id}/clients with an unknown client', () => {
  it('names the body\'s own field at the position the id has in the body, and changes nothing', async () => {
    const known = (await harness.call('post', '/clients', creator, { name: 'Known' }).expect(201)).body.client_id as string;
    const path = `/connections/${harness.connection.id}/clients`;
    const before = (await harness.call('get', `/connections/${harness.connection.id}`, admin).expect(200)).body.enabled_clients as string[];

    const body = [
      { client_id: known, status: false },
      { client_id: known, status: true },
      { client_id: 'no-such-client', status: true },
    ];
    const refused = await harness.call('patch', path, admin, body).expect(400);

    expect(refused.body.message).toBe("Payload validation error: 'No client with id no-such-client' on property 2.client_id.");
    expect((await harness.call('get', `/connections/${harness.connection.id}`, admin).expect(200)).body.enabled_clients).toEqual(before);
  });
});
