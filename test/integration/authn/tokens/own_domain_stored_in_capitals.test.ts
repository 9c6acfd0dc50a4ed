import { beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';
import { describeEachStore } from '../../../support/stores.js';

/**
 * An own domain stored in capitals ("Login.Acme.Test") is found by a request's Host in any case, and
 * its tenant URL is then the lower-case one; the tenant's list of URLs names it the same way
 * (tenant_host.ts), so a login made there keeps its issuer when the code is redeemed at
 * NAME.<base host>, rather than falling back to the host asked as for a domain the tenant gave up.
 */
describeEachStore('an own domain stored in capitals', (harness) => {
  const backChannel = useBackChannel(harness);
  let ownHost = '';

  beforeAll(async () => {
    const bc = backChannel();
    ownHost = `login.${bc.tenant.name}.test`;
    const tenant = await bc.store.tenants.get(bc.tenant.name);
    await bc.store.tenants.update({ ...tenant!, domains: [`Login.${bc.tenant.name.toUpperCase()}.Test`] });
  });

  it('is found by its host in lower case, under the lower-case URL', async () => {
    const bc = backChannel();
    const discovery = await request(bc.app).get('/.well-known/openid-configuration').set('Host', ownHost).expect(200);
    expect(discovery.body.issuer).toBe(`http://${ownHost}/`);
  });

  it('keeps the issuer of a login made there when the code is redeemed at NAME.<base host>', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    // As /login/callback on that host stores it: the tenant URL the request found the tenant at.
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, tenantUrl: `http://${ownHost}` });

    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret)).expect(200);

    expect(decodeJwt(issued.body.id_token as string).iss).toBe(`http://${ownHost}/`);
    const userinfo = await request(bc.app).get('/userinfo').set('Host', ownHost).set('Authorization', `Bearer ${issued.body.access_token as string}`);
    expect(userinfo.status).toBe(200);
  });
});
