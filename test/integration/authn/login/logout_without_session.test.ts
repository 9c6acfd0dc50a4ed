import { randomBytes } from 'node:crypto';
import { expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';
import { putStoredSession, readStoredSession } from '../../../support/authn/stored_session.js';

const RETURN_TO = 'https://app.example/signed-out';

/**
 * A logout that ends no sign-in writes nothing durable: anyone can send one as often as the rate
 * limit allows, so it records no `slo` event (which would grow the tenant log and fill the Logs
 * page with fake sign-outs) and deletes nothing from the session store. The person's answer is as
 * for any sign-out.
 */
describeEachStore('logout without a sign-in', (harness) => {
  const backChannel = useBackChannel(harness);

  const sloEvents = async (bc: BackChannel) => (await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 100, type: 'slo' })).items;

  it.each(['/v2/logout', '/oidc/logout'])('%s with no session records no slo event and touches no stored session', async (path) => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [RETURN_TO] });
    const destroy = jest.spyOn(bc.store.sessionStore(), 'destroy');
    try {
      const redirected = await request(bc.app).get(path).set('Host', bc.host).query({ client_id: client.clientId, returnTo: RETURN_TO }).expect(302);
      expect(redirected.headers.location).toBe(RETURN_TO);
      const page = await request(bc.app).get(path).set('Host', bc.host).expect(200);
      expect(page.text).toContain('You are signed out');
      expect(destroy).not.toHaveBeenCalled();
    } finally {
      destroy.mockRestore();
    }
    expect(await sloEvents(bc)).toEqual([]);
  });

  it('deletes a stored session that holds no sign-in, yet records no slo event for it', async () => {
    const bc = backChannel();
    const sessionId = `no-sign-in-${randomBytes(6).toString('hex')}`;
    const cookie = await putStoredSession(bc.store, sessionId, bc.deps.config.sessionSecrets[0] ?? '');
    await request(bc.app).get('/oidc/logout').set('Host', bc.host).set('Cookie', cookie).expect(200);
    expect(await readStoredSession(bc.store, sessionId)).toBeUndefined();
    expect(await sloEvents(bc)).toEqual([]);
  });
});
