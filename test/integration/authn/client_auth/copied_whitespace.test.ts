import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * A client secret or client id pasted into an application's settings with a space or line break
 * around it: /oauth/token says so, in the description an SDK passes on, rather than only "client
 * authentication failed", and still refuses it.
 */
describeEachStore('whitespace copied around client credentials', (harness) => {
  const backChannel = useBackChannel(harness);

  it('names whitespace around the right secret in the body, and refuses it', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const response = await bc
      .token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: `${secret}\n` })
      .expect(401);
    expect(response.body).toEqual({
      error: 'invalid_client',
      error_description:
        "client authentication failed: the client_secret begins or ends with whitespace (a space, tab or line break copied with it); without it, it is this client's secret: remove it",
    });
  });

  it('names it for HTTP Basic too, with the Basic challenge', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const response = await bc.token({ grant_type: 'client_credentials' }, basicAuth(client.clientId, ` ${secret}`)).expect(401);
    expect(response.body.error_description).toContain('the client_secret begins or ends with whitespace');
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('says nothing of whitespace around a secret that is wrong without it too', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient();
    const response = await bc
      .token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'not-the-secret ' })
      .expect(401);
    expect(response.body.error_description).toBe('client authentication failed');
  });

  it('names whitespace around a client_id, from the value presented alone', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    for (const clientId of [`${client.clientId} `, ' no-such-client']) {
      const response = await bc.token({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).expect(401);
      expect(response.body.error_description).toBe(
        'client authentication failed: the client_id begins or ends with whitespace (a space, tab or line break copied with it); remove it',
      );
    }
  });
});
