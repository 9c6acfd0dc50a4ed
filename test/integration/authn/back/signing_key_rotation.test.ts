import { expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { generateSigningKey } from '../../../../src/domain/signing_keys.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from './back_channel_fixture.js';

describeEachStore('signing key rotation', (harness) => {
  const backChannel = useBackChannel(harness);

  it('signs with the newest key, publishes both, and still accepts tokens signed with the older one', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const before = await bc
      .token({ grant_type: 'authorization_code', code: await bc.putCode({ clientId: client.clientId, userId: user.userId }), redirect_uri: CALLBACK }, auth)
      .expect(200);
    const oldKid = bc.tenant.signingKeys[0]?.kid;

    const newKey = await generateSigningKey(bc.deps.sealer);
    const stored = await bc.store.tenants.get(bc.tenant.name);
    await bc.store.tenants.update({ ...stored!, signingKeys: [newKey, ...stored!.signingKeys] });

    const jwks = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toEqual([newKey.kid, oldKid]);

    const after = await bc.token({ grant_type: 'refresh_token', refresh_token: before.body.refresh_token }, auth).expect(200);
    expect(decodeProtectedHeader(after.body.id_token).kid).toBe(newKey.kid);
    expect(decodeProtectedHeader(after.body.access_token).kid).toBe(newKey.kid);
    await bc.verifyWithJwks(after.body.id_token, client.clientId);

    await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${before.body.access_token}`).expect(200);
  });
});
