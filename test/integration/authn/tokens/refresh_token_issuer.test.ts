import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { useEmulator, useFrontChannel, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { addOwnDomain, browserOfBothHosts, signInAndRedeem, tokenRequestAt } from '../../../support/authn/two_tenant_hosts.js';
import { describeEachStore } from '../../../support/stores.js';

const emulator = useEmulator('alice');

/**
 * A refresh token remembers the tenant URL its login was made under, so the id_tokens it yields keep
 * the issuer of the first one wherever the application refreshes, through rotation; unless the
 * tenant is no longer reached there (a domain given up may be another tenant's by now), when they
 * are issued under the host asked, as every refresh was before tokens remembered it.
 */
describeEachStore('the issuer of refreshed tokens', (harness) => {
  let ownUrl = '';
  const fitgate = useFrontChannel(harness, emulator, async (started) => {
    ownUrl = await addOwnDomain(started, emulator());
    const web = await started.store.clients.get(started.tenant, started.webClient.clientId);
    // Rotating, so each refresh stores a new record that must remember the issuer in its turn.
    await started.store.clients.update({ ...web!, refreshTokenPolicy: { rotationType: 'rotating', expirationType: 'non-expiring', leewaySeconds: 0 } });
  });

  /** A login at the own domain whose code is redeemed at NAME.<base host>: its refresh token. */
  async function refreshTokenOfOwnDomainLogin(app: FrontChannel): Promise<string> {
    const { tokens } = await signInAndRedeem(app, browserOfBothHosts(app, ownUrl), { signInAt: ownUrl, redeemAt: app.tenantUrl });
    expect(decodeJwt(tokens.id_token).iss).toBe(`${ownUrl}/`);
    if (!tokens.refresh_token) throw new Error('no refresh token: offline_access is in the fixture scope');
    return tokens.refresh_token;
  }

  it('keeps the issuer of the login at every refresh, at either host, through rotation', async () => {
    const app = fitgate();
    let refreshToken = await refreshTokenOfOwnDomainLogin(app);
    for (const host of [app.tenantUrl, ownUrl, app.tenantUrl]) {
      const refreshed = await tokenRequestAt(app, host, { grant_type: 'refresh_token', refresh_token: refreshToken }).expect(200);
      expect({ host, iss: decodeJwt(refreshed.body.id_token as string).iss }).toEqual({ host, iss: `${ownUrl}/` });
      refreshToken = refreshed.body.refresh_token as string;
    }
  });

  it('issues under the host asked once the tenant has given up the domain of the login', async () => {
    const app = fitgate();
    const refreshToken = await refreshTokenOfOwnDomainLogin(app);
    const tenant = await app.store.tenants.get(app.tenant);
    await app.store.tenants.update({ ...tenant!, domains: [] });
    try {
      const refreshed = await tokenRequestAt(app, app.tenantUrl, { grant_type: 'refresh_token', refresh_token: refreshToken }).expect(200);
      expect(decodeJwt(refreshed.body.id_token as string).iss).toBe(`${app.tenantUrl}/`);
    } finally {
      const now = await app.store.tenants.get(app.tenant);
      await app.store.tenants.update({ ...now!, domains: [new URL(ownUrl).host] });
    }
  });
});
