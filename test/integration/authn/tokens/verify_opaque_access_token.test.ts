import { expect, it } from '@jest/globals';
import { tenantKeysFor } from '../../../../src/authn/keys/tenant_keys.js';
import { ExpiredAccessTokenError, InvalidAccessTokenError } from '../../../../src/authn/tokens/access_token_errors.js';
import { issueAccessToken } from '../../../../src/authn/tokens/access_token.js';
import { encryptAccessToken, encryptedTokenKid } from '../../../../src/authn/tokens/encrypted_access_token.js';
import { revokeGrant } from '../../../../src/authn/tokens/grant_revocation.js';
import { verifyAccessToken } from '../../../../src/authn/tokens/verify_access_token.js';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore("verifyAccessToken with a user's opaque access token (used by /userinfo)", (harness) => {
  const backChannel = useBackChannel(harness);
  const userinfo = (bc: BackChannel) => `${bc.tenantUrl}/userinfo`;
  const contextOf = (bc: BackChannel) => ({ tenant: bc.tenant, tenantUrl: bc.tenantUrl });

  async function userToken(bc: BackChannel, grantId = 'grant-ok') {
    // A token's application must exist for it to be accepted.
    if (!(await bc.store.clients.get(bc.tenant.name, 'web'))) await bc.addClient({ clientId: 'web' });
    const { token } = await issueAccessToken(tenantKeysFor(bc.deps), {
      tenant: bc.tenant,
      tenantUrl: bc.tenantUrl,
      subject: 'fitbit|A1',
      clientId: 'web',
      audience: [userinfo(bc)],
      scope: ['openid', 'profile'],
      grantId,
    });
    return token;
  }

  it('issues a /userinfo token as an encrypted token under the current kid, and opens it to its grant', async () => {
    const bc = backChannel();
    const token = await userToken(bc);
    expect(encryptedTokenKid(token)).toBe(bc.tenant.signingKeys[0]?.kid);
    const verified = await verifyAccessToken(bc.deps, contextOf(bc), token, userinfo(bc));
    expect(verified).toMatchObject({ subject: 'fitbit|A1', clientId: 'web', scope: ['openid', 'profile'], grantId: 'grant-ok' });
  });

  it('throws ExpiredAccessTokenError past its exp', async () => {
    const bc = backChannel();
    const { kid, key } = await tenantKeysFor(bc.deps).tokenEncryptionKey(bc.tenant);
    const now = Math.floor(Date.now() / 1000);
    const expired = encryptAccessToken(key, kid, { iss: `${bc.tenantUrl}/`, aud: [userinfo(bc)], sub: 'fitbit|A1', client_id: 'web', gid: 'g', iat: now - 3700, exp: now - 100 });
    await expect(verifyAccessToken(bc.deps, contextOf(bc), expired, userinfo(bc))).rejects.toBeInstanceOf(ExpiredAccessTokenError);
  });

  it('refuses it for another audience, at another tenant, changed, under an unknown kid, or once its grant is revoked', async () => {
    const bc = backChannel();
    const token = await userToken(bc, 'grant-to-revoke');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), token, `${bc.tenantUrl}/api/v2/`)).rejects.toBeInstanceOf(InvalidAccessTokenError);
    await expect(
      verifyAccessToken(bc.deps, { tenant: bc.other.tenant, tenantUrl: `http://${bc.other.host}` }, token, `http://${bc.other.host}/userinfo`),
    ).rejects.toBeInstanceOf(InvalidAccessTokenError);
    const parts = token.split('.');
    // One bit of the ciphertext flipped on its bytes (an edit of the base64url text could land in padding bits).
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    const changed = [parts[0], parts[1], parts[2], ciphertext.toString('base64url'), parts[4]].join('.');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), changed, userinfo(bc))).rejects.toBeInstanceOf(InvalidAccessTokenError);
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString()) as Record<string, unknown>;
    const unknownKid = [Buffer.from(JSON.stringify({ ...header, kid: 'retired' })).toString('base64url'), ...parts.slice(1)].join('.');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), unknownKid, userinfo(bc))).rejects.toThrow('not issued by this tenant');

    await revokeGrant(bc.store.ephemeral, bc.tenant.name, 'grant-to-revoke', 'revoked_by_client');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), token, userinfo(bc))).rejects.toThrow('the access token has been revoked');
  });
});
