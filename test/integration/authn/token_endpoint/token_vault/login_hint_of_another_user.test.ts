import { describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

/**
 * login_hint only picks among the identities of the refresh token's own user: naming another user's
 * upstream id on the connection gets neither that user's token nor a different answer from an id
 * nobody has, so the hint cannot tell whether an upstream account is a user of the tenant.
 */
describe('the Token Vault exchange with a login_hint naming another user', () => {
  const { harness } = useHarnessWithEmulator('token-vault-hint-other-user');

  it("answers as for an unknown id, and hands out no one's token", async () => {
    const [alice, bob] = [await harness.seedUser('alice'), await harness.seedUser('bob')];
    const app = await addVaultApp(harness);
    const subject_token = await refreshTokenFor(harness, app, alice);

    const others = await exchange(harness, app, { subject_token, login_hint: bob.identities[0]!.userId }).expect(400);
    const nobodys = await exchange(harness, app, { subject_token, login_hint: 'NOBODY1' }).expect(400);

    expect(others.body).toEqual(nobodys.body);
    expect(others.body.error).toBe('invalid_grant');
    expect(JSON.stringify(others.body)).not.toContain(bob.identities[0]!.userId);
  });
});
