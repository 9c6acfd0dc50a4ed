import { expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { revokeSigningKey, rotateSigningKey } from '../../../../src/domain/signing_key_changes.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('signing key rotation', (harness) => {
  const backChannel = useBackChannel(harness);

  const keyDeps = (bc: BackChannel) => ({ tenants: bc.store.tenants, locks: bc.store.locks, sealer: bc.deps.sealer });
  const publishedKids = async (bc: BackChannel) =>
    ((await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200)).body.keys as { kid: string }[]).map((key) => key.kid);

  it('publishes the next key before it signs, signs with it after a rotation, and keeps the previous key published for its tokens', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const before = await bc
      .token({ grant_type: 'authorization_code', code: await bc.putCode({ clientId: client.clientId, userId: user.userId }), redirect_uri: CALLBACK }, auth)
      .expect(200);
    const tenant = (await bc.store.tenants.get(bc.tenant.name))!;
    const oldKid = tenant.signingKeys.find((key) => key.status === 'current')!.kid;
    const nextKid = tenant.signingKeys.find((key) => key.status === 'next')!.kid;
    expect(decodeProtectedHeader(before.body.id_token).kid).toBe(oldKid);
    expect(await publishedKids(bc)).toEqual([oldKid, nextKid]);

    const promoted = await rotateSigningKey(keyDeps(bc), bc.tenant.name);

    expect(promoted.kid).toBe(nextKid);
    const published = await publishedKids(bc);
    expect(published[0]).toBe(nextKid);
    expect(published).toContain(oldKid);
    expect(published).toHaveLength(3);
    const after = await bc.token({ grant_type: 'refresh_token', refresh_token: before.body.refresh_token }, auth).expect(200);
    expect(decodeProtectedHeader(after.body.access_token).kid).toBe(nextKid);
    await bc.verifyWithJwks(after.body.id_token, client.clientId);
    await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${before.body.access_token}`).expect(200);
  });

  it('takes a revoked key out of the JWKS at once, and tokens it signed stop verifying', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const issued = await bc
      .token(
        { grant_type: 'authorization_code', code: await bc.putCode({ clientId: client.clientId, userId: user.userId }), redirect_uri: CALLBACK },
        basicAuth(client.clientId, secret),
      )
      .expect(200);
    const signedBy = decodeProtectedHeader(issued.body.access_token).kid!;

    expect(await revokeSigningKey(keyDeps(bc), bc.tenant.name, (await rotateSigningKey(keyDeps(bc), bc.tenant.name)).kid)).toBe('in_use');
    const revoked = await revokeSigningKey(keyDeps(bc), bc.tenant.name, signedBy);

    expect(revoked).toMatchObject({ kid: signedBy, status: 'revoked' });
    expect(await publishedKids(bc)).not.toContain(signedBy);
    await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${issued.body.access_token}`).expect(401);
  });
});
