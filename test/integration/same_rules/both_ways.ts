import { beforeAll } from '@jest/globals';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import type { Connection } from '../../../src/domain/types.js';
import { HOST, submitForm, useSignedInDashboard, type Agent, type DashboardHarness, type HarnessOptions } from '../dashboard/dashboard_harness.js';

/**
 * One app, one tenant (default), reached both ways a user configures it: the dashboard, signed in as
 * its admin, and the Management API, with a token carrying every scope. For tests that send the
 * same input through each and expect the same verdict and the same stored value.
 */
export interface BothWays {
  harness(): DashboardHarness;
  /** A Management API request on the default tenant. */
  api(method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: unknown): request.Test;
  /** Loads `page` (for its CSRF token) and posts the form to `action`, as a browser does. */
  form(page: string, action: string, fields: Record<string, string | string[]>): ReturnType<typeof submitForm>;
  agent(): Agent;
  /** The tenant's Fitbit connection as stored now. */
  fitbitConnection(): Promise<Connection>;
  /** Its Client ID and Client Secret as stored now, the secret unsealed. */
  storedCredentials(): Promise<{ clientId?: string | undefined; secret?: string | undefined }>;
}

export const TENANT = 'default';

/** `environment` sets the app's configuration (e.g. NODE_ENV=production) over the test defaults. */
export function useBothWays(options: Pick<HarnessOptions, 'environment'> = {}): BothWays {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), ...options });
  let token: string | undefined;
  beforeAll(async () => {
    const harness = dashboard.harness();
    const { client, clientSecret } = await createClient(harness.store.clients, {
      tenant: TENANT,
      name: 'management script',
      appType: 'non_interactive',
      managementScopes: [...MANAGEMENT_API_SCOPES],
    });
    const answer = await request(harness.app)
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience: managementApiAudience(`http://${HOST}`) })
      .expect(200);
    token = String((answer.body as { access_token: string }).access_token);
  });
  return {
    harness: dashboard.harness,
    agent: dashboard.agent,
    api(method, path, body) {
      const pending = request(dashboard.harness().app)[method](`/api/v2${path}`).set('Host', HOST).set('Authorization', `Bearer ${token}`);
      return body === undefined ? pending : pending.send(body as object);
    },
    form: (page, action, fields) => submitForm(dashboard.agent(), page, action, fields),
    fitbitConnection,
    async storedCredentials() {
      const { options } = await fitbitConnection();
      return { clientId: options.clientId, secret: options.clientSecret === undefined ? undefined : dashboard.harness().deps.sealer.open(options.clientSecret) };
    },
  };

  async function fitbitConnection(): Promise<Connection> {
    const found = (await dashboard.harness().store.connections.list(TENANT)).find((candidate) => candidate.strategy === 'fitbit');
    if (!found) throw new Error('no fitbit connection yet');
    return found;
  }
}
