import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { HOST, useSignedInDashboard } from './dashboard_harness.js';

/**
 * One look across fitgate's pages: the dashboard and the Universal Login page share the favicon and
 * the brand teal, and "Continue with Fitbit" carries fitgate's own Fitbit mark.
 */
describe('the shared look of fitgate\'s pages', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });

  it('serves the favicon as SVG and links it from the dashboard and the sign-in pages', async () => {
    const icon = await request(dashboard.harness().app).get('/static/img/favicon.svg').set('Host', HOST).expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const page = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(page.text).toContain('<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">');
  });

  it('shows the Fitbit mark on "Continue with Fitbit", in a page linking the shared stylesheet and favicon', async () => {
    const { store } = dashboard.harness();
    const { client } = await createClient(store.clients, { tenant: 'default', name: 'Look', appType: 'regular_web', callbacks: ['https://look.example/cb'] });
    await store.connections.create({
      tenant: 'default',
      id: 'con_look',
      name: 'fitbit',
      strategy: 'fitbit',
      options: { api: 'google-health', scope: ['activity'], profileSync: 'on_each_login' },
      enabledClients: [client.clientId],
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const login = await request(dashboard.harness().app)
      .get('/authorize')
      .set('Host', HOST)
      .query({ client_id: client.clientId, response_type: 'code', redirect_uri: 'https://look.example/cb', scope: 'openid' })
      .expect(200);
    expect(login.text).toMatch(/<a class="login-choice"[^>]*><svg class="connection-mark"[^>]*aria-hidden="true"[^>]*>.*<\/svg>\s*<span>Continue with Fitbit<\/span><\/a>/);
    expect(login.text).toContain('<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">');
    const css = await request(dashboard.harness().app).get('/static/css/fitgate.css').set('Host', HOST).expect(200);
    expect(css.text).toContain('--accent: #00747f;');
  });
});
