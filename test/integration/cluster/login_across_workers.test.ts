import { describe, expect, it } from '@jest/globals';
import { describeWithRedis } from '../../support/redis.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { APP_CALLBACK, createWebApplication, useCluster } from './cluster_fixture.js';
import { loginAcrossWorkers } from './sandbox_login.js';

function loginAcrossWorkersOn(store: 'sqlite' | 'redis'): void {
  const cluster = useCluster(store);

  it(
    'finishes on one worker a sandbox login begun on the other, and the application gets its tokens',
    async () => {
      const browser = cluster().browser();
      const app = await createWebApplication(browser);
      const login = await loginAcrossWorkers(browser, app.clientId);

      const tokens = await browser.post('/oauth/token', {
        grant_type: 'authorization_code',
        code: login.code,
        redirect_uri: APP_CALLBACK,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      });
      expect(tokens.status).toBe(200);
      expect(JSON.parse(tokens.text)).toHaveProperty('id_token');
    },
    SERVER_TEST_TIMEOUT_MS,
  );
}

describe('a login across two workers on the embedded store', () => loginAcrossWorkersOn('sqlite'));
describeWithRedis('a login across two workers on Redis', () => loginAcrossWorkersOn('redis'));
