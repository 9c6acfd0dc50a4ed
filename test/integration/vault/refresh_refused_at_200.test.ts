import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import type { ManagementApiScope } from '../../../src/domain/management_scopes.js';
import { managementApiAudience, tenantUrl } from '../../../src/domain/tenants.js';
import type { Connection } from '../../../src/domain/types.js';
import { recordLogin } from '../../../src/domain/users.js';
import { acmeConnection } from '../../support/acme_connections.js';
import { ENVELOPE_STRATEGY, envelopePlugin } from '../../support/envelope_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../support/fake_oauth2_upstream.js';
import { acmeOAuth2Plugin } from '../../support/fake_plugin.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';

/**
 * A refresh an upstream refuses inside an HTTP 200 (the fake's `envelope`: `{status: 400, error:
 * "invalid_grant: ..."}`, read by the plugin's answerOf) is the refused refresh token it says it is:
 * the identity needs reauthorization, and readers are told so, exactly as after the same refusal at
 * 400 through the plain Acme plugin ("acme"), not an unreadable answer whose tokens are kept.
 */
describe('a refresh refused inside an HTTP 200', () => {
  let plain: FakeOAuth2Upstream;
  let enveloped: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  const connections = new Map<string, Connection>();
  let tokenReader = '';

  beforeAll(async () => {
    plain = await startFakeOAuth2Upstream();
    enveloped = await startFakeOAuth2Upstream({ host: 'auth.envelope.example', envelope: true });
    const plugins = [acmeOAuth2Plugin({ upstreamUrl: plain.url }), envelopePlugin(enveloped.url)];
    harness = await startDashboardHarness({ plugins: new Map(plugins.map((plugin) => [plugin.strategy, plugin])) });
    connections.set('acme', acmeConnection(plain, harness.deps.sealer, 'acme', []));
    connections.set(ENVELOPE_STRATEGY, acmeConnection(enveloped, harness.deps.sealer, ENVELOPE_STRATEGY, []));
    for (const connection of connections.values()) await harness.store.connections.create(connection);
    tokenReader = await managementToken(['read:user_idp_tokens']);
  });
  afterAll(async () => {
    await harness?.close();
    await enveloped?.close();
    await plain?.close();
  });

  async function managementToken(scopes: ManagementApiScope[]): Promise<string> {
    const { client, clientSecret } = await createClient(harness.store.clients, { tenant: 'default', name: `Sync ${scopes.join(' ')}`, appType: 'non_interactive', managementScopes: scopes });
    const audience = managementApiAudience(tenantUrl(harness.config, 'default'));
    const issued = await request(harness.app).post('/oauth/token').set('Host', HOST).send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience }).expect(200);
    return String(issued.body.access_token);
  }

  /** A user of `strategy` whose access token is due for a refresh, with a refresh token its upstream never issued. */
  async function userWithRefusedRefreshToken(strategy: string, upstreamUserId: string): Promise<string> {
    const { user } = await recordLogin(
      { users: harness.store.users, sealer: harness.deps.sealer },
      {
        tenant: 'default',
        connection: connections.get(strategy)!,
        upstreamUserId,
        profile: {},
        profileData: {},
        // Under the vault's 30 s floor: the read refreshes first.
        tokens: { accessToken: `access-of-${upstreamUserId}`, refreshToken: 'a-refresh-token-never-issued', expiresIn: 10, grantedScopes: ['steps'] },
        now: new Date(),
      },
    );
    return user.userId;
  }

  const refreshes = (upstream: FakeOAuth2Upstream) => upstream.tokenRequests.filter((form) => form.get('grant_type') === 'refresh_token').length;

  /** The token reader's view of the user's identity, and the log event of its change, without what differs by user. */
  async function afterRefusal(strategy: string, upstream: FakeOAuth2Upstream, upstreamUserId: string) {
    const userId = await userWithRefusedRefreshToken(strategy, upstreamUserId);
    const before = refreshes(upstream);
    const read = await request(harness.app).get(`/api/v2/users/${encodeURIComponent(userId)}`).set('Host', HOST).set('Authorization', `Bearer ${tokenReader}`).expect(200);
    expect(refreshes(upstream)).toBe(before + 1);
    const { status, status_reason, access_token_error, access_token } = read.body.identities[0] as { status: string; status_reason: string; access_token_error?: { errorCode: string }; access_token?: string };
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'fertft' });
    const { identity_user_id: identityUserId, ...event } = items[0]?.details ?? {};
    expect({ userId: items[0]?.userId, identityUserId }).toEqual({ userId, identityUserId: upstreamUserId });
    return { identity: { status, status_reason, errorCode: access_token_error?.errorCode, access_token }, event };
  }

  it('puts the identity in needs_reauthorization, as the same refusal at 400 does', async () => {
    const atFourHundred = await afterRefusal('acme', plain, 'plain-7');
    expect(atFourHundred.identity).toEqual({ status: 'needs_reauthorization', status_reason: 'refresh_token_rejected', errorCode: 'needs_reauthorization', access_token: undefined });
    expect(atFourHundred.event).toMatchObject({ status: 'needs_reauthorization', reason: 'refresh_token_rejected', upstream_message: expect.stringContaining('invalid_grant') });

    await expect(afterRefusal(ENVELOPE_STRATEGY, enveloped, 'enveloped-7')).resolves.toEqual(atFourHundred);
  });
});
