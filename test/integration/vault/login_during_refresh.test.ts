import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { recordLogin, type UpstreamLogin } from '../../../src/domain/users.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore } from '../../support/stores.js';
import { seedExpiringIdentity, vaultWithHeldRefresh, type SeededIdentity } from './held_refresh.js';

/**
 * A login writes the identity's tokens without the refresh lock (it must stay one store write). A
 * refresh that read the identity before the login landed must then leave the login's tokens and
 * scopes stored, and still answer its caller with the token the upstream just issued. Each race is
 * made certain: the upstream's answer to the refresh is held until the login has been recorded.
 */

const sealer = createSealer([randomBytes(32)]);

function loginOf(seeded: SeededIdentity, tokens: UpstreamLogin['tokens']): UpstreamLogin {
  return {
    tenant: seeded.ref.tenant,
    connection: seeded.connection,
    upstreamUserId: seeded.ref.upstreamUserId,
    profile: {},
    profileData: {},
    tokens,
    now: new Date(),
  };
}

async function storedIdentity(store: Store, seeded: SeededIdentity) {
  const identity = (await store.users.get(seeded.ref.tenant, seeded.ref.userId))!.identities[0]!;
  const tokens = identity.tokens!;
  return { access: sealer.open(tokens.accessToken), refresh: sealer.open(tokens.refreshToken!), scopes: identity.grantedScopes };
}

describeEachStore('a login that lands while a refresh of the same identity waits for the upstream', (h) => {
  it("keeps the login's new grant: its tokens and the scope it added survive the refresh's write", async () => {
    const store = h.store();
    const seeded = await seedExpiringIdentity(store, 'fitbit-legacy', { accessToken: sealer.seal('at-0'), refreshToken: sealer.seal('rt-0') }, ['activity']);
    const { vault, held } = vaultWithHeldRefresh(store, sealer);

    const read = vault.accessToken(seeded.ref);
    expect(await held.called).toBe('rt-0');
    await recordLogin(
      { users: store.users, sealer },
      loginOf(seeded, { accessToken: 'at-login', refreshToken: 'rt-login', expiresIn: 28800, grantedScopes: ['activity', 'heartrate'] }),
    );
    held.answer({ accessToken: 'at-refreshed', refreshToken: 'rt-refreshed', expiresIn: 28800, grantedScopes: ['activity'] });

    // The caller still gets the refreshed token: the upstream issued it, and it works until it expires.
    expect((await read).accessToken).toBe('at-refreshed');
    expect(await storedIdentity(store, seeded)).toEqual({ access: 'at-login', refresh: 'rt-login', scopes: ['activity', 'heartrate'] });
  });

  it("keeps the login's access token and scopes when the login brought no refresh token and kept the stored one", async () => {
    // Google sends a refresh token only on a consent: the login keeps the sealed refresh token as it
    // was, so only the access token tells that a login landed.
    const store = h.store();
    const seeded = await seedExpiringIdentity(store, 'google-health', { accessToken: sealer.seal('at-0'), refreshToken: sealer.seal('rt-0') }, ['activity']);
    const { vault, held } = vaultWithHeldRefresh(store, sealer);

    const read = vault.accessToken(seeded.ref);
    await held.called;
    await recordLogin({ users: store.users, sealer }, loginOf(seeded, { accessToken: 'at-login', expiresIn: 3599, grantedScopes: ['activity', 'heartrate'] }));
    held.answer({ accessToken: 'at-refreshed', expiresIn: 3599, grantedScopes: ['activity'] });

    expect((await read).accessToken).toBe('at-refreshed');
    expect(await storedIdentity(store, seeded)).toEqual({ access: 'at-login', refresh: 'rt-0', scopes: ['activity', 'heartrate'] });
  });

  it('stores the rotated refresh token in place of the one the refresh spent, which such a login kept', async () => {
    // The upstream retired rt-0 when it rotated it: leaving it stored would lose the identity.
    const store = h.store();
    const seeded = await seedExpiringIdentity(store, 'fitbit-legacy', { accessToken: sealer.seal('at-0'), refreshToken: sealer.seal('rt-0') }, ['activity']);
    const { vault, held } = vaultWithHeldRefresh(store, sealer);

    const read = vault.accessToken(seeded.ref);
    await held.called;
    await recordLogin({ users: store.users, sealer }, loginOf(seeded, { accessToken: 'at-login', expiresIn: 28800, grantedScopes: ['activity', 'heartrate'] }));
    held.answer({ accessToken: 'at-refreshed', refreshToken: 'rt-refreshed', expiresIn: 28800, grantedScopes: ['activity'] });

    expect((await read).accessToken).toBe('at-refreshed');
    expect(await storedIdentity(store, seeded)).toEqual({ access: 'at-login', refresh: 'rt-refreshed', scopes: ['activity', 'heartrate'] });
  });
});
