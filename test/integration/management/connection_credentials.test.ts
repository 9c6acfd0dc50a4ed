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

/**
 * The stored client_secret belongs to one client of one API: PATCH keeps it only for the same
 * client_id and api, the rule the dashboard's settings form applies (domain/connection_options.ts).
 */
describe('the stored client_secret through PATCH', () => {
  const patch = (options: Record<string, unknown>) => harness.call('patch', `/connections/${harness.connection.id}`, admin, { options });
  const stored = async () => (await harness.store.connections.get(harness.tenant.name, harness.connection.id))?.options;
  const storedSecret = async () => {
    const sealed = (await stored())?.clientSecret;
    return sealed === undefined ? undefined : harness.deps[0]!.sealer.open(sealed);
  };

  it('keeps it for the same client_id and api, the api left out taking its default', async () => {
    await patch({ api: 'google-health', client_id: DEMO.googleServer.clientId, client_secret: DEMO.googleServer.clientSecret, scope: ['activity'] }).expect(200);
    await patch({ client_id: DEMO.googleServer.clientId, scope: ['activity', 'sleep'] }).expect(200);
    expect(await stored()).toMatchObject({ api: 'google-health', clientId: DEMO.googleServer.clientId, scope: ['activity', 'sleep'] });
    expect(await storedSecret()).toBe(DEMO.googleServer.clientSecret);
  });

  it('refuses another Google client_id without its own secret, saying the stored one is not kept for it', async () => {
    const refused = await patch({ api: 'google-health', client_id: 'another.apps.googleusercontent.com', scope: ['activity'] }).expect(400);
    expect(refused.body.message).toBe(
      "Payload validation error: 'is required with a Client ID for the Google Health API, which authenticates each token request with it; the stored secret belongs to the previous client ID or API and is not kept for another' on property options.client_secret.",
    );
    expect((await stored())?.clientId).toBe(DEMO.googleServer.clientId);
    expect(await storedSecret()).toBe(DEMO.googleServer.clientSecret);
  });

  it('saves a legacy "Client" app’s client_id without the secret of the "Server" app before it', async () => {
    await patch({ api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, client_secret: DEMO.legacyServer.clientSecret, scope: ['activity'] }).expect(200);
    await patch({ api: 'fitbit-legacy', client_id: DEMO.legacyClient.clientId, scope: ['activity'] }).expect(200);
    expect(await stored()).toMatchObject({ api: 'fitbit-legacy', clientId: DEMO.legacyClient.clientId });
    expect(await storedSecret()).toBeUndefined();
  });

  it('does not carry the secret over to another api, the api left out included', async () => {
    await patch({ api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, client_secret: DEMO.legacyServer.clientSecret, scope: ['activity'] }).expect(200);
    const refused = await patch({ client_id: DEMO.legacyServer.clientId, scope: ['activity'] }).expect(400);
    expect(refused.body.message).toMatch(/on property options\.client_secret\.$/);
    expect((await stored())?.api).toBe('fitbit-legacy');
  });

  it('words a client_id that is too long as the dashboard does', async () => {
    const refused = await patch({ api: 'fitbit-legacy', client_id: 'x'.repeat(256), scope: ['activity'] }).expect(400);
    expect(refused.body.message).toBe("Payload validation error: 'must be at most 255 characters' on property options.client_id.");
  });
});
