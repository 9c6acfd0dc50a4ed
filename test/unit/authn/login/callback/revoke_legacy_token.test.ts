import { describe, expect, it } from '@jest/globals';
import { revokeLegacyToken, type RevokeLegacyTokenDeps } from '../../../../../src/authn/login/callback/revoke_legacy_token.js';
import type { RevocableTokens } from '../../../../../src/connections/plugin.js';
import type { Connection, Sealed, User } from '../../../../../src/domain/types.js';
import type { LoginResult } from '../../../../../src/domain/users.js';

const connection = { tenant: 'acme', name: 'fitbit', strategy: 'fitbit', options: { api: 'google-health' } } as unknown as Connection;
const user = { tenant: 'acme', userId: 'fitbit|GGNJL9' } as User;
const migrated: LoginResult = {
  user,
  created: false,
  migration: { legacyUserId: 'GGNJL9', fromApi: 'fitbit-legacy', toApi: 'google-health', revoke: { api: 'fitbit-legacy', sealedTokens: { accessToken: 'sealed:legacy-access' as Sealed, refreshToken: 'sealed:legacy-refresh' as Sealed } } },
};

function depsRevoking(revoke: (tokens: RevocableTokens) => Promise<void>) {
  const asked: string[] = [];
  const warnings: unknown[] = [];
  const deps: RevokeLegacyTokenDeps = {
    sealer: { open: (sealed) => sealed.replace(/^sealed:/, '') },
    logger: { warn: (fields: unknown) => void warnings.push(fields) } as RevokeLegacyTokenDeps['logger'],
    tokenClientFor: async (_connection, api) => {
      asked.push(api);
      return { revoke };
    },
  };
  return { deps, asked, warnings };
}

describe('revoking the legacy token after a migrating login', () => {
  it('hands the plugin every legacy token, opened, at the upstream the legacy identity names', async () => {
    const revoked: RevocableTokens[] = [];
    const { deps, asked } = depsRevoking(async (tokens) => void revoked.push(tokens));
    await expect(revokeLegacyToken(deps, connection, migrated)).resolves.toBe(true);
    expect(revoked).toEqual([{ accessToken: 'legacy-access', refreshToken: 'legacy-refresh' }]);
    expect(asked).toEqual(['fitbit-legacy']);
  });

  it('logs a failed revocation and lets the login go on', async () => {
    const { deps, warnings } = depsRevoking(async () => {
      throw new Error('410 Gone');
    });
    await expect(revokeLegacyToken(deps, connection, migrated)).resolves.toBe(false);
    expect(warnings).toEqual([expect.objectContaining({ err: new Error('410 Gone'), userId: 'fitbit|GGNJL9', api: 'fitbit-legacy' })]);
  });

  it('revokes nothing after a login that migrated no one', async () => {
    const revoked: RevocableTokens[] = [];
    const { deps, asked } = depsRevoking(async (tokens) => void revoked.push(tokens));
    await expect(revokeLegacyToken(deps, connection, { user, created: false })).resolves.toBe(false);
    expect(revoked).toEqual([]);
    expect(asked).toEqual([]);
  });
});
