import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { ownDomainUrl, tenantUrl as urlOfTenant } from '../../../../src/domain/tenants.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';
import { describeEachStore } from '../../../support/stores.js';

/**
 * A user grant's tokens are issued under the URL its login was made at (grant_tenant_url.ts), which
 * need not be the host /oauth/token is asked on: so the `audience` of an authorization_code or
 * refresh_token request may name the /userinfo of any URL the tenant is reached at now, the one the
 * token will carry included. Another tenant's /userinfo, or that of a domain the tenant does not
 * have, is still access_denied "Service not found", and the refusal spends nothing.
 */
describeEachStore('/oauth/token audience of a login made at another host of the tenant', (harness) => {
  const backChannel = useBackChannel(harness);
  let ownUrl = '';

  beforeAll(async () => {
    const bc = backChannel();
    const host = `login.${bc.tenant.name}.test`;
    const tenant = await bc.store.tenants.get(bc.tenant.name);
    await bc.store.tenants.update({ ...tenant!, domains: [host] });
    ownUrl = ownDomainUrl(bc.deps.config, host);
  });

  /** A code of a login made at the own domain, as /login/callback there stores it, and the client's credentials. */
  async function codeOfOwnDomainLogin(bc: BackChannel) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, tenantUrl: ownUrl });
    return { code, auth: basicAuth(client.clientId, secret) };
  }

  /** POST /oauth/token on the own domain's host. */
  const tokenAtOwnDomain = (bc: BackChannel, params: Record<string, string>, auth: string) =>
    request(bc.app).post('/oauth/token').set('Host', new URL(ownUrl).host).set('Authorization', auth).type('form').send(params);

  it('authorization_code at NAME.<base host>: accepts the own domain’s /userinfo, the audience the token carries', async () => {
    const bc = backChannel();
    const { code, auth } = await codeOfOwnDomainLogin(bc);
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, audience: `${ownUrl}/userinfo` }, auth).expect(200);
    const userinfo = await request(bc.app).get('/userinfo').set('Host', new URL(ownUrl).host).set('Authorization', `Bearer ${issued.body.access_token as string}`);
    expect(userinfo.status).toBe(200);
  });

  it('authorization_code: still accepts this host’s /userinfo', async () => {
    const bc = backChannel();
    const { code, auth } = await codeOfOwnDomainLogin(bc);
    await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, audience: `${bc.tenantUrl}/userinfo` }, auth).expect(200);
  });

  it('refuses another tenant’s /userinfo and a domain the tenant does not have, leaving the code usable', async () => {
    const bc = backChannel();
    const { code, auth } = await codeOfOwnDomainLogin(bc);
    const foreign = [`${urlOfTenant(bc.deps.config, bc.other.tenant.name)}/userinfo`, `${ownDomainUrl(bc.deps.config, 'login.elsewhere.test')}/userinfo`];
    for (const audience of foreign) {
      const refused = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, audience }, auth).expect(403);
      expect(refused.body).toEqual({ error: 'access_denied', error_description: `Service not found: ${audience}` });
    }
    await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
  });

  it('refresh_token at the own domain: accepts NAME.<base host>’s /userinfo and refuses another tenant’s', async () => {
    const bc = backChannel();
    const { code, auth } = await codeOfOwnDomainLogin(bc);
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    const refreshToken = issued.body.refresh_token as string;

    const foreign = `${urlOfTenant(bc.deps.config, bc.other.tenant.name)}/userinfo`;
    await tokenAtOwnDomain(bc, { grant_type: 'refresh_token', refresh_token: refreshToken, audience: foreign }, auth).expect(403);
    await tokenAtOwnDomain(bc, { grant_type: 'refresh_token', refresh_token: refreshToken, audience: `${bc.tenantUrl}/userinfo` }, auth).expect(200);
  });
});
