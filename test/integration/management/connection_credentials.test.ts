import { describe, expect, it } from '@jest/globals';
import { DEMO } from '../../support/emulator.js';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-connection-credentials', async (started) => {
  admin = await started.tokenWith(['read:connections', 'update:connections']);
});

/** PATCH /connections/{id} applies the dashboard's rule: a client_id and the secret it needs go together. */
describe('client_id and client_secret through PATCH', () => {
  const patch = (options: Record<string, unknown>) => harness.call('patch', `/connections/${harness.connection.id}`, admin, { options });
  const stored = async () => (await harness.store.connections.get(harness.tenant.name, harness.connection.id))?.options;

  it('refuses a client_secret sent without a client_id, naming client_id', async () => {
    const refused = await patch({ api: 'google-health', client_secret: 'bogus', scope: ['activity'] }).expect(400);
    expect(refused.body.message).toMatch(/on property options\.client_id\.$/);
    expect((await stored())?.clientId).toBe(DEMO.legacyServer.clientId);
  });

  it('refuses a Google client_id when no secret is sent or stored, naming client_secret', async () => {
    await patch({ api: 'google-health', scope: ['activity'] }).expect(200);
    const refused = await patch({ api: 'google-health', client_id: 'abc.apps.googleusercontent.com', scope: ['activity'] }).expect(400);
    expect(refused.body.message).toMatch(/on property options\.client_secret\.$/);
    expect((await stored())?.clientId).toBeUndefined();
  });

  it('accepts a legacy client_id alone (a Fitbit "Client" app) and a Google one with its secret', async () => {
    await patch({ api: 'fitbit-legacy', client_id: '23PUBL', scope: ['activity'] }).expect(200);
    await patch({ api: 'google-health', client_id: DEMO.googleServer.clientId, client_secret: DEMO.googleServer.clientSecret, scope: ['activity'] }).expect(200);
    expect((await stored())?.clientId).toBe(DEMO.googleServer.clientId);
  });
});
