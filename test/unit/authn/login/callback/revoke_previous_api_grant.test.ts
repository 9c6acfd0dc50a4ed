import { describe, expect, it } from '@jest/globals';
import { revokePreviousApiGrant } from '../../../../../src/authn/login/callback/revoke_previous_api_grant.js';
import type { RevocableTokens } from '../../../../../src/connections/plugin.js';
import type { Connection, Identity, Sealed, User } from '../../../../../src/domain/types.js';
import { grantRevoker, type SealedGrantRevocationDeps } from '../../../../../src/domain/upstream_revocation.js';
import type { LoginResult } from '../../../../../src/domain/users.js';

const connection = { tenant: 'acme', name: 'fitbit', strategy: 'fitbit', options: { api: 'google-health' } } as unknown as Connection;
const user = { tenant: 'acme', userId: 'fitbit|GGNJL9' } as User;
const identity = { connection: 'fitbit', userId: 'HEALTH-1', api: 'google-health' } as Identity;
const migrated: LoginResult = {
  user,
  identity,
  created: false,
  migration: { legacyUserId: 'GGNJL9', fromApi: 'fitbit-legacy', toApi: 'google-health', revoke: { api: 'fitbit-legacy', sealedTokens: { accessToken: 'sealed:old-access' as Sealed, refreshToken: 'sealed:old-refresh' as Sealed } } },
};

function depsRevoking(revoke: (tokens: RevocableTokens) => Promise<void>) {
  const asked: string[] = [];
  const warnings: unknown[] = [];
  const deps: SealedGrantRevocationDeps = {
    sealer: { open: (sealed) => sealed.replace(/^sealed:/, '') },
    logger: { info: () => undefined, warn: (fields: object) => void warnings.push(fields) },
    tokenClientFor: async (_connection, api) => {
      asked.push(api);
      return { refresh: () => Promise.reject(new Error('not asked')), revoke };
    },
  };
  // Bound as src/services.ts binds it: the one way every stored grant is revoked.
  return { revokeGrant: grantRevoker(deps), asked, warnings };
}

describe('revoking the previous API’s grant after a login that moved the user off it', () => {
  it('hands the plugin every token of that grant, opened, at the API the previous identity names', async () => {
    const revoked: RevocableTokens[] = [];
    const { revokeGrant, asked } = depsRevoking(async (tokens) => void revoked.push(tokens));
    await expect(revokePreviousApiGrant(revokeGrant, connection, migrated)).resolves.toBe(true);
    expect(revoked).toEqual([{ accessToken: 'old-access', refreshToken: 'old-refresh' }]);
    expect(asked).toEqual(['fitbit-legacy']);
  });

  it('logs a failed revocation by its kind and the upstream’s words, as a removal’s is, and lets the login go on', async () => {
    const { revokeGrant, warnings } = depsRevoking(async () => Promise.reject(Object.assign(new Error('legacy API shut down'), { kind: 'gone' })));
    await expect(revokePreviousApiGrant(revokeGrant, connection, migrated)).resolves.toBe(false);
    expect(warnings).toEqual([expect.objectContaining({ userId: 'fitbit|GGNJL9', api: 'fitbit-legacy', kind: 'gone', upstream: 'legacy API shut down' })]);
  });

  it('revokes nothing after a login that migrated no one', async () => {
    const revoked: RevocableTokens[] = [];
    const { revokeGrant, asked } = depsRevoking(async (tokens) => void revoked.push(tokens));
    await expect(revokePreviousApiGrant(revokeGrant, connection, { user, identity, created: false })).resolves.toBe(false);
    expect(revoked).toEqual([]);
    expect(asked).toEqual([]);
  });
});
