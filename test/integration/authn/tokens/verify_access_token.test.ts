import { expect, it } from '@jest/globals';
import { tenantKeysFor } from '../../../../src/authn/keys/tenant_keys.js';
import {
  ExpiredAccessTokenError,
  InvalidAccessTokenError,
  MissingAccessTokenError,
} from '../../../../src/authn/tokens/access_token_errors.js';
import { issueAccessToken } from '../../../../src/authn/tokens/access_token.js';
import { revokeGrant } from '../../../../src/authn/tokens/grant_revocation.js';
import { signJwt } from '../../../../src/authn/tokens/sign_jwt.js';
import { verifyAccessToken } from '../../../../src/authn/tokens/verify_access_token.js';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('verifyAccessToken (used by the Management API)', (harness) => {
  const backChannel = useBackChannel(harness);
  const audienceOf = (bc: BackChannel) => `${bc.tenantUrl}/api/v2/`;
  const contextOf = (bc: BackChannel) => ({ tenant: bc.tenant, tenantUrl: bc.tenantUrl });

  async function managementToken(bc: BackChannel, grantId = 'grant-ok') {
    // A token's application must exist for it to be accepted.
    if (!(await bc.store.clients.get(bc.tenant.name, 'machine'))) await bc.addClient({ clientId: 'machine', appType: 'non_interactive' });
    const { token } = await issueAccessToken(tenantKeysFor(bc.deps), {
      tenant: bc.tenant,
      tenantUrl: bc.tenantUrl,
      subject: 'machine@clients',
      clientId: 'machine',
      audience: [audienceOf(bc)],
      scope: ['read:users'],
      grantId,
      grantType: 'client-credentials',
    });
    return token;
  }

  it('returns the subject, client, scopes and grant of a valid token', async () => {
    const bc = backChannel();
    const verified = await verifyAccessToken(bc.deps, contextOf(bc), await managementToken(bc), audienceOf(bc));
    expect(verified).toMatchObject({ subject: 'machine@clients', clientId: 'machine', scope: ['read:users'], grantId: 'grant-ok' });
  });

  it('throws MissingAccessTokenError when there is no token', async () => {
    const bc = backChannel();
    await expect(verifyAccessToken(bc.deps, contextOf(bc), undefined, audienceOf(bc))).rejects.toBeInstanceOf(MissingAccessTokenError);
  });

  it('throws ExpiredAccessTokenError for a token past its exp', async () => {
    const bc = backChannel();
    const expired = await signJwt(
      tenantKeysFor(bc.deps),
      bc.tenant,
      { client_id: 'machine', scope: 'read:users', gid: 'g' },
      { typ: 'at+jwt', issuer: `${bc.tenantUrl}/`, audience: audienceOf(bc), subject: 'machine@clients', ttlSeconds: 60, issuedAt: Math.floor(Date.now() / 1000) - 3600 },
    );
    await expect(verifyAccessToken(bc.deps, contextOf(bc), expired, audienceOf(bc))).rejects.toBeInstanceOf(ExpiredAccessTokenError);
  });

  it('throws InvalidAccessTokenError for another audience, another tenant, a forged signature or a revoked grant', async () => {
    const bc = backChannel();
    const token = await managementToken(bc, 'grant-to-revoke');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), token, `${bc.tenantUrl}/userinfo`)).rejects.toBeInstanceOf(InvalidAccessTokenError);
    await expect(
      verifyAccessToken(bc.deps, { tenant: bc.other.tenant, tenantUrl: `http://${bc.other.host}` }, token, `http://${bc.other.host}/api/v2/`),
    ).rejects.toBeInstanceOf(InvalidAccessTokenError);
    const [header, payload] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), scope: 'delete:users' })).toString('base64url');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), `${header}.${forgedPayload}.${token.split('.')[2]}`, audienceOf(bc))).rejects.toBeInstanceOf(
      InvalidAccessTokenError,
    );

    await revokeGrant(bc.store.ephemeral, bc.tenant.name, 'grant-to-revoke', 'revoked_by_client');
    await expect(verifyAccessToken(bc.deps, contextOf(bc), token, audienceOf(bc))).rejects.toThrow('the access token has been revoked');
  });

  it('refuses an id_token in place of an access token, whatever its audience', async () => {
    const bc = backChannel();
    const idToken = await signJwt(tenantKeysFor(bc.deps), bc.tenant, { client_id: 'machine', gid: 'g' }, {
      typ: 'JWT',
      issuer: `${bc.tenantUrl}/`,
      audience: audienceOf(bc),
      subject: 'fitbit|X',
      ttlSeconds: 60,
    });
    await expect(verifyAccessToken(bc.deps, contextOf(bc), idToken, audienceOf(bc))).rejects.toBeInstanceOf(InvalidAccessTokenError);
  });
});
