import { createHash } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import type { AuthorizationCodeRecord } from '../../../../src/authn/codes/authorization_code.js';
import type { RefreshTokenRecord } from '../../../../src/authn/tokens/refresh_tokens.js';
import { CLIENT_CALLBACK, useEmulator, useFrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { addOwnDomain, browserOfBothHosts, codeOfLogin, signInAndRedeem, tokenRequestAt } from '../../../support/authn/two_tenant_hosts.js';
import { describeEachStore } from '../../../support/stores.js';

const emulator = useEmulator('alice');

/**
 * Codes and refresh tokens stored before they remembered the tenant URL of their login (in flight
 * across an upgrade) still work, on either store, and are issued under the host the token request
 * came to, as they always were.
 */
describeEachStore('codes and refresh tokens stored without the issuer of their login', (harness) => {
  let ownUrl = '';
  const fitgate = useFrontChannel(harness, emulator, async (started) => {
    ownUrl = await addOwnDomain(started, emulator());
  });

  it('redeems a code without it under the host of the token request', async () => {
    const app = fitgate();
    const { code } = await codeOfLogin(app, browserOfBothHosts(app, ownUrl), ownUrl);
    const stored = await app.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', code);
    const { tenantUrl: remembered, ...before } = stored!;
    expect(remembered).toBe(ownUrl);
    await app.store.ephemeral.put('authorization_code', code, before, 60);

    const answer = await tokenRequestAt(app, app.tenantUrl, { grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK }).expect(200);

    expect(decodeJwt(answer.body.id_token as string).iss).toBe(`${app.tenantUrl}/`);
  });

  it('refreshes a refresh token without it under the host of each request', async () => {
    const app = fitgate();
    const { tokens } = await signInAndRedeem(app, browserOfBothHosts(app, ownUrl), { signInAt: ownUrl, redeemAt: ownUrl });
    const key = createHash('sha256').update(tokens.refresh_token!, 'utf8').digest('hex');
    const stored = await app.store.ephemeral.get<RefreshTokenRecord>('refresh_token', key);
    const { tenantUrl: remembered, ...before } = stored!;
    expect(remembered).toBe(ownUrl);
    await app.store.ephemeral.put('refresh_token', key, before, 600);

    let refreshToken = tokens.refresh_token!;
    for (const host of [app.tenantUrl, ownUrl]) {
      const refreshed = await tokenRequestAt(app, host, { grant_type: 'refresh_token', refresh_token: refreshToken }).expect(200);
      expect({ host, iss: decodeJwt(refreshed.body.id_token as string).iss }).toEqual({ host, iss: `${host}/` });
      refreshToken = (refreshed.body.refresh_token as string | undefined) ?? refreshToken;
    }
  });
});
