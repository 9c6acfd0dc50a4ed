import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ConnectionPlugin, RevocableTokens } from '../../../src/connections/plugin.js';
import { createClient } from '../../../src/domain/clients.js';
import { managementApiAudience, tenantUrl } from '../../../src/domain/tenants.js';
import { recordLogin } from '../../../src/domain/users.js';
import { acmeConnection } from '../../support/acme_connections.js';
import { ENVELOPE_STRATEGY, envelopePlugin } from '../../support/envelope_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../support/fake_oauth2_upstream.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';

/**
 * An upstream whose revocation names the user beside the token (Withings' `userid`) is served by
 * what the host hands revoke: with the tokens, the user's id at the API that issued them, the
 * identity's. The plugin (the envelope plugin, its revoke watched) sends nothing else.
 */
describe('revoke, handed the user’s upstream id', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  const handed: RevocableTokens[] = [];

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream({ envelope: true });
    const plugin = envelopePlugin(upstream.url);
    const watched: ConnectionPlugin = {
      ...plugin,
      createTokenClient: (options) => {
        const client = plugin.createTokenClient(options);
        return {
          refresh: (refreshToken) => client.refresh(refreshToken),
          revoke: (tokens) => {
            handed.push(tokens);
            return client.revoke(tokens);
          },
        };
      },
    };
    harness = await startDashboardHarness({ plugins: new Map([[watched.strategy, watched]]) });
    await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, ENVELOPE_STRATEGY, []));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('hands revoke the identity’s upstream user id with its tokens when the user is deleted', async () => {
    const connection = (await harness.store.connections.getByName('default', ENVELOPE_STRATEGY))!;
    const { user } = await recordLogin(
      { users: harness.store.users, sealer: harness.deps.sealer },
      { tenant: 'default', connection, upstreamUserId: 'athlete-7', profile: {}, profileData: {}, tokens: { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 3600, grantedScopes: ['steps'] }, now: new Date() },
    );
    const { client, clientSecret } = await createClient(harness.store.clients, { tenant: 'default', name: 'Cleanup', appType: 'non_interactive', managementScopes: ['delete:users'] });
    const audience = managementApiAudience(tenantUrl(harness.config, 'default'));
    const issued = await request(harness.app).post('/oauth/token').set('Host', HOST).send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience }).expect(200);

    await request(harness.app).delete(`/api/v2/users/${encodeURIComponent(user.userId)}`).set('Host', HOST).set('Authorization', `Bearer ${String(issued.body.access_token)}`).expect(204);

    expect(handed).toEqual([{ accessToken: 'access-1', refreshToken: 'refresh-1', accessTokenExpiresAt: expect.any(Number), upstreamUserId: 'athlete-7' }]);
    expect(upstream.revokeRequests.map((form) => form.get('token'))).toEqual(['refresh-1']);
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'sapi' });
    expect(items[0]?.details).toMatchObject({ upstream_revocation: { [`${ENVELOPE_STRATEGY}|athlete-7`]: 'revoked' } });
  });
});
