import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { reseal } from '../../../src/domain/reseal.js';
import type { RefreshedUpstreamTokens } from '../../../src/domain/upstream_token_client.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore, withFreshStore } from '../../support/stores.js';
import { seedExpiringIdentity, vaultWithHeldRefresh } from './held_refresh.js';

/**
 * A re-seal changes how the identity's tokens are sealed, not the tokens. A refresh that read the
 * identity before a re-seal landed stores what the upstream issued all the same (it is no other
 * grant, which the refresh would leave stored), and a refresh token it keeps goes back in the new
 * sealing, never the older one it read. The upstream's answer is held until the re-seal is done.
 */

const keyOld = randomBytes(32);
const keyNew = randomBytes(32);
const sealedOld = createSealer([keyOld]);
/** What fitgate runs with during a rotation: seals under the new key, opens both. */
const rotated = createSealer([keyNew, keyOld]);
const onlyNew = createSealer([keyNew]);

async function refreshAcrossReseal(store: Store, api: string, answer: RefreshedUpstreamTokens) {
  const seeded = await seedExpiringIdentity(store, api, { accessToken: sealedOld.seal('at-0'), refreshToken: sealedOld.seal('rt-0') }, ['activity']);
  const { vault, held } = vaultWithHeldRefresh(store, rotated);

  const read = vault.accessToken(seeded.ref);
  await held.called;
  const report = await reseal({ records: store.sealedRecords, users: store.users, sealer: rotated, ephemeral: store.ephemeral });
  expect(report.resealed).toBe(1);
  held.answer(answer);

  const served = await read;
  const tokens = (await store.users.get(seeded.ref.tenant, seeded.ref.userId))!.identities[0]!.tokens!;
  // The store's count of values per key: none may be left under the older one.
  const keys = Object.keys(await store.sealedRecords.keyUsage());
  return { served: served.accessToken, stored: [rotated.open(tokens.accessToken), rotated.open(tokens.refreshToken!)], keys };
}

// Each test on a store of its own (withFreshStore): the re-seal refuses to start while any stored value needs a key it lacks.
describeEachStore('a re-seal that lands while a refresh of the same identity waits for the upstream', (h) => {
  it('stores the rotated pair the upstream issued', async () => {
    await withFreshStore(h.kind, 'reseal-during-refresh', async (store) => {
      const after = await refreshAcrossReseal(store, 'fitbit-legacy', { accessToken: 'at-1', refreshToken: 'rt-1', expiresIn: 28800, grantedScopes: [] });
      expect(after).toEqual({ served: 'at-1', stored: ['at-1', 'rt-1'], keys: onlyNew.keyIds });
    });
  });

  it('keeps the refresh token in its new sealing when the upstream sent none', async () => {
    await withFreshStore(h.kind, 'reseal-during-refresh', async (store) => {
      const after = await refreshAcrossReseal(store, 'google-health', { accessToken: 'at-1', expiresIn: 3599, grantedScopes: [] });
      expect(after).toEqual({ served: 'at-1', stored: ['at-1', 'rt-0'], keys: onlyNew.keyIds });
    });
  });
});
