import { describe, expect, it } from '@jest/globals';
import type { RevocableTokens } from '../../../src/connections/plugin.js';
import type { ConnectionRepository } from '../../../src/domain/ports.js';
import type { DomainLogger } from '../../../src/domain/token_vault_deps.js';
import type { Connection, Identity } from '../../../src/domain/types.js';
import { revokeUpstreamGrant, type RevocationDeps } from '../../../src/domain/upstream_revocation.js';
import { memoryConnections } from '../../support/authn/memory_repositories.js';
import { testSealer } from './users/login_fixtures.js';

const connection = { tenant: 'acme', name: 'fitbit', strategy: 'fitbit', options: { api: 'fitbit-legacy' } } as unknown as Connection;

function identity(tokens: Identity['tokens']): Identity {
  return { provider: 'fitbit', connection: 'fitbit', userId: 'GGNJL9', isSocial: true, api: 'fitbit-legacy', grantedScopes: [], status: 'connected', ...(tokens && { tokens }) };
}

function depsRevoking(revoke: (tokens: RevocableTokens) => Promise<void>) {
  const handed: RevocableTokens[] = [];
  const warnings: unknown[] = [];
  const deps: RevocationDeps = {
    connections: memoryConnections([connection]) as ConnectionRepository,
    sealer: testSealer,
    tokenClientFor: async () => ({
      refresh: () => Promise.reject(new Error('not asked')),
      revoke: (tokens) => {
        handed.push(tokens);
        return revoke(tokens);
      },
    }),
    logger: { info: () => undefined, warn: (details: unknown) => void warnings.push(details), error: () => undefined } as DomainLogger,
  };
  return { deps, handed, warnings };
}

describe('revoking a removed identity’s grant upstream', () => {
  it('hands the plugin every token the identity held, opened, and records the revocation', async () => {
    const { deps, handed } = depsRevoking(async () => undefined);
    const held = identity({ accessToken: testSealer.seal('access-1'), refreshToken: testSealer.seal('refresh-1'), expiresAt: 0 });
    await expect(revokeUpstreamGrant(deps, 'acme', held)).resolves.toBe('revoked');
    expect(handed).toEqual([{ accessToken: 'access-1', refreshToken: 'refresh-1', accessTokenExpiresAt: 0, upstreamUserId: 'GGNJL9' }]);
  });

  it('hands over the access token alone when no refresh token was ever issued', async () => {
    const { deps, handed } = depsRevoking(async () => undefined);
    await expect(revokeUpstreamGrant(deps, 'acme', identity({ accessToken: testSealer.seal('access-1'), expiresAt: 0 }))).resolves.toBe('revoked');
    expect(handed).toEqual([{ accessToken: 'access-1', accessTokenExpiresAt: 0, upstreamUserId: 'GGNJL9' }]);
  });

  it('tells the plugin when the access token expires, so that an upstream revoking with a live one only can refresh first', async () => {
    const { deps, handed } = depsRevoking(async () => undefined);
    const expiresAt = Date.UTC(2026, 11, 6, 21, 0);
    await expect(revokeUpstreamGrant(deps, 'acme', identity({ accessToken: testSealer.seal('access-1'), refreshToken: testSealer.seal('refresh-1'), expiresAt }))).resolves.toBe('revoked');
    expect(handed.map((tokens) => tokens.accessTokenExpiresAt)).toEqual([expiresAt]);
  });

  it('asks nothing of the upstream for an identity without tokens', async () => {
    const { deps, handed } = depsRevoking(async () => undefined);
    await expect(revokeUpstreamGrant(deps, 'acme', identity(undefined))).resolves.toBe('nothing_to_revoke');
    expect(handed).toEqual([]);
  });

  it('records a refusal as failed and logs its kind', async () => {
    const { deps, warnings } = depsRevoking(async () => Promise.reject(Object.assign(new Error('legacy API shut down'), { kind: 'gone' })));
    const held = identity({ accessToken: testSealer.seal('access-1'), refreshToken: testSealer.seal('refresh-1'), expiresAt: 0 });
    await expect(revokeUpstreamGrant(deps, 'acme', held)).resolves.toBe('failed');
    expect(warnings).toEqual([expect.objectContaining({ kind: 'gone', upstream: 'legacy API shut down' })]);
  });
});
