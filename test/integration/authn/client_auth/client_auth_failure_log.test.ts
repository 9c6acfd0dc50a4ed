import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';
import { linesWithEvent, WARN, type LogLine } from '../../../support/log_capture.js';

/**
 * A client that fails to authenticate (invalid_client) at /oauth/token or /oauth/revoke leaves one
 * warning in the process log (stdout), which an operator's fail2ban or SIEM can count by address:
 * tenant, client_id as presented (bounded), the address, never the secret it presented.
 */
describeEachStore('client authentication failures in the process log', (harness) => {
  const backChannel = useBackChannel(harness);

  /** The lines logged while `act` ran. */
  async function linesDuring(bc: BackChannel, act: () => Promise<unknown>): Promise<{ all: string[]; failures: LogLine[] }> {
    const start = bc.logLines.length;
    await act();
    const all = bc.logLines.slice(start);
    const failures = linesWithEvent(all, 'client_authentication_failed');
    return { all, failures };
  }

  it('logs a wrong secret at /oauth/token (HTTP Basic) with tenant, client_id and address, and never the secret', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient();
    const secret = 'wrong-secret-7d1e5f0a9c';
    const { all, failures } = await linesDuring(bc, () =>
      bc.token({ grant_type: 'client_credentials' }, basicAuth(client.clientId, secret)).expect(401),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: WARN,
      msg: 'client authentication failed',
      tenant: bc.tenant.name,
      endpoint: '/oauth/token',
      client_id: client.clientId,
      ip: expect.stringContaining('127.0.0.1'),
    });
    expect(all.join('\n')).not.toContain(secret);
    expect(all.join('\n')).not.toContain(Buffer.from(`${client.clientId}:${secret}`).toString('base64'));
  });

  it('logs a wrong secret in the body at /oauth/revoke, and an unknown client alike', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient();
    const secret = 'posted-wrong-secret-3b9c';
    const { all, failures } = await linesDuring(bc, async () => {
      for (const clientId of [client.clientId, 'no-such-client']) {
        await request(bc.app)
          .post('/oauth/revoke')
          .set('Host', bc.host)
          .type('form')
          .send({ client_id: clientId, client_secret: secret, token: 'whatever' })
          .expect(401);
      }
    });
    expect(failures.map((line) => [line.endpoint, line.client_id, line.tenant])).toEqual([
      ['/oauth/revoke', client.clientId, bc.tenant.name],
      ['/oauth/revoke', 'no-such-client', bc.tenant.name],
    ]);
    expect(all.join('\n')).not.toContain(secret);
  });

  it('bounds a client_id of any length to one short line', async () => {
    const bc = backChannel();
    const { failures } = await linesDuring(bc, () =>
      bc.token({ grant_type: 'client_credentials', client_id: `  ${'x'.repeat(5000)}\nforged line`, client_secret: 's' }).expect(401),
    );
    expect(failures).toHaveLength(1);
    const logged = String(failures[0]?.client_id);
    expect(Array.from(logged)).toHaveLength(128);
    expect(logged.endsWith('…')).toBe(true);
    expect(logged).not.toContain('\n');
  });

  it('logs nothing for a client that authenticates, even when its request is refused', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const { failures } = await linesDuring(bc, async () => {
      await bc.token({ grant_type: 'authorization_code', code: 'no-such-code', redirect_uri: 'https://app.example/callback' }, basicAuth(client.clientId, secret)).expect(400);
    });
    expect(failures).toEqual([]);
  });
});
