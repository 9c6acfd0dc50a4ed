import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { issueRefreshToken } from '../../../src/authn/tokens/refresh_tokens.js';
import { createClient } from '../../../src/domain/clients.js';
import { TOKEN_VAULT_GRANT_TYPE, type GrantType } from '../../../src/domain/grant_types.js';
import { refreshTokenPolicyOf } from '../../../src/domain/token_lifetimes.js';
import type { Client, RefreshTokenPolicy, User } from '../../../src/domain/types.js';
import type { ManagementHarness } from '../../integration/management/harness.js';

/** What Auth0's SDKs send for the Token Vault exchange, less the client's credentials and the subject token. */
export const TOKEN_VAULT_PARAMS = {
  grant_type: TOKEN_VAULT_GRANT_TYPE,
  subject_token_type: 'urn:ietf:params:oauth:token-type:refresh_token',
  requested_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token',
  connection: 'fitbit',
} as const;

export interface VaultApp {
  client: Client;
  secret: string;
}

/**
 * A confidential regular web application of the harness's tenant, with the Token Vault grant type
 * beside the code and refresh grants (`grantTypes` to change them), enabled on the harness's Fitbit
 * connection unless `enabled` is false.
 */
export async function addVaultApp(harness: ManagementHarness, options: { grantTypes?: GrantType[]; enabled?: boolean } = {}): Promise<VaultApp> {
  const { client, clientSecret } = await createClient(harness.store.clients, {
    tenant: harness.tenant.name,
    name: `Vault app ${randomUUID().slice(0, 8)}`,
    appType: 'regular_web',
    callbacks: ['https://app.example/callback'],
    grantTypes: options.grantTypes ?? ['authorization_code', 'refresh_token', TOKEN_VAULT_GRANT_TYPE],
  });
  if (options.enabled !== false) {
    const connection = await harness.store.connections.getByName(harness.tenant.name, 'fitbit');
    if (!connection) throw new Error('the harness has no fitbit connection');
    await harness.store.connections.update({ ...connection, enabledClients: [...connection.enabledClients, client.clientId] });
  }
  if (!clientSecret) throw new Error('a regular web application is created with a secret');
  return { client, secret: clientSecret };
}

/** When and under which policy a test's refresh token was issued. */
export interface IssuedRefreshToken {
  /** Seconds since the login the token comes from; 0 unless given. */
  loginAgo?: number;
  /** Seconds since the token was issued or last refreshed; 0 unless given. */
  usedAgo?: number;
  /** The policy it was issued under; `app`'s unless given. */
  policy?: RefreshTokenPolicy;
}

/** A refresh token of `app` for `user`, as a login with offline_access through the Fitbit connection leaves it. */
export async function refreshTokenFor(harness: ManagementHarness, app: VaultApp, user: User, issued: IssuedRefreshToken = {}): Promise<string> {
  const token = await issueRefreshToken(
    harness.store.ephemeral,
    {
      tenant: harness.tenant.name,
      clientId: app.client.clientId,
      userId: user.userId,
      grantId: randomUUID(),
      scope: ['openid', 'profile', 'offline_access'],
      authTime: Math.floor(Date.now() / 1000) - (issued.loginAgo ?? 0),
      userCreatedAt: user.createdAt,
      connection: 'fitbit',
    },
    issued.policy ?? refreshTokenPolicyOf(app.client),
    Date.now() - (issued.usedAgo ?? 0) * 1000,
  );
  if (!token) throw new Error('no refresh token issued');
  return token;
}

/** `app` with `refreshTokenPolicy` in force from now on. */
export async function withPolicy(harness: ManagementHarness, app: VaultApp, refreshTokenPolicy: RefreshTokenPolicy): Promise<VaultApp> {
  const client = { ...app.client, refreshTokenPolicy };
  await harness.store.clients.update(client);
  return { client, secret: app.secret };
}

/** POST /oauth/token on the harness's tenant as `app` (client_secret_post): a refresh with `refreshToken`. */
export function refresh(harness: ManagementHarness, app: VaultApp, refreshToken: string): request.Test {
  return request(harness.apps[0]!)
    .post('/oauth/token')
    .set('Host', harness.host)
    .type('form')
    .send({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.client.clientId, client_secret: app.secret });
}

/** POST /oauth/token on the harness's tenant as `app` (client_secret_post), with Auth0's Token Vault parameters under `params`. */
export function exchange(harness: ManagementHarness, app: VaultApp, params: Record<string, string | undefined>): request.Test {
  const body = Object.fromEntries(
    Object.entries({ ...TOKEN_VAULT_PARAMS, client_id: app.client.clientId, client_secret: app.secret, ...params }).filter(([, value]) => value !== undefined),
  );
  return request(harness.apps[0]!).post('/oauth/token').set('Host', harness.host).type('form').send(body);
}
