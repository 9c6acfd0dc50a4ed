import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('log events of token exchanges', (harness) => {
  const backChannel = useBackChannel(harness);

  it('records seacft, sertft and seccft with client, user and connection, and nothing secret', async () => {
    const bc = backChannel();
    const web = await bc.addClient({ name: 'Logged Web' });
    const machine = await bc.addClient({ name: 'Logged CI', appType: 'non_interactive', managementScopes: ['read:logs'] });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: web.client.clientId, userId: user.userId });
    const auth = basicAuth(web.client.clientId, web.secret);
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    const refreshed = await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token }, auth).expect(200);
    await bc
      .token({ grant_type: 'client_credentials', audience: `${bc.tenantUrl}/api/v2/` }, basicAuth(machine.client.clientId, machine.secret))
      .expect(200);

    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 50 });
    const byType = (type: string) => items.filter((event) => event.type === type);
    expect(byType('seacft')).toEqual([
      expect.objectContaining({ clientId: web.client.clientId, clientName: 'Logged Web', userId: user.userId, connection: 'fitbit' }),
    ]);
    expect(byType('sertft')).toEqual([expect.objectContaining({ clientId: web.client.clientId, userId: user.userId })]);
    expect(byType('seccft')).toEqual([expect.objectContaining({ clientId: machine.client.clientId, clientName: 'Logged CI' })]);

    const everything = JSON.stringify(items) + bc.logLines.join('\n');
    for (const secret of [code, web.secret, machine.secret, issued.body.refresh_token, refreshed.body.refresh_token, issued.body.access_token]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('records feacft with the reason when an exchange is refused, without the code', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ name: 'Refused Web' });
    const code = await bc.putCode({ clientId: client.clientId, userId: 'fitbit|NOBODY' });
    await bc.token({ grant_type: 'authorization_code', code, redirect_uri: 'https://evil.example/' }, basicAuth(client.clientId, secret)).expect(400);

    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 50, type: 'feacft' });
    const event = items.find((candidate) => candidate.clientId === client.clientId);
    expect(event).toMatchObject({
      type: 'feacft',
      description: 'redirect_uri does not match the one of the authorization request',
      details: { error: 'invalid_grant' },
    });
    expect(JSON.stringify(items)).not.toContain(code);
  });
});
