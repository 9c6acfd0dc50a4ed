import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A regular web application is confidential, and Auth0 lists it on an API's Machine to Machine
 * Applications tab: the dashboard authorizes it for the Management API as it does a
 * machine-to-machine one, and the application then gets tokens with its own Client ID and Client
 * Secret. One stored before new regular web applications got client_credentials is authorized all
 * the same, and its page says why /oauth/token still refuses it and what to change.
 */
const list = '/manage/t/default/applications';
const audience = `http://${HOST}/api/v2/`;

describe('the Management API section of a regular web application', () => {
  const dashboard = useSignedInDashboard();

  function tokenFor(app: { clientId: string; clientSecret: string }) {
    return request(dashboard.harness().app)
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, audience });
  }

  it('authorizes one created in the dashboard, which then gets a token with the permissions ticked and calls the API', async () => {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name: 'Web shop', app_type: 'regular_web' });
    const credentials = await dashboard.agent().get(String(created.headers.location)).expect(200);
    const clientId = /id="client-id">([^<]+)</.exec(credentials.text)![1]!;
    const clientSecret = /id="client-secret">([^<]+)</.exec(credentials.text)![1]!;
    const web = { clientId, clientSecret };
    const page = `${list}/${clientId}`;

    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain('<h2 id="management-api-heading">Management API</h2>');
    expect(shown.text).toContain('Machine-to-machine and regular web applications call this tenant');
    expect(shown.text).toContain('<button type="submit">Authorize</button>');
    expect(shown.text).not.toContain('id="management-api-grant-type-missing"');
    expect(shown.text).not.toContain('id="management-api-unexpected"');
    expect((await tokenFor(web)).body.error).toBe('access_denied');

    const saved = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] });
    expect([saved.status, saved.headers.location]).toEqual([303, `${page}?management_api=authorized#management-api`]);
    const issued = await tokenFor(web).expect(200);
    expect(issued.body.scope).toBe('read:users');
    await request(dashboard.harness().app).get('/api/v2/users').set('Host', HOST).set('authorization', `Bearer ${issued.body.access_token}`).expect(200);

    const authorized = await dashboard.agent().get(`${page}?management_api=authorized`).expect(200);
    expect(authorized.text).toContain('Web shop is authorized for the Management API.');
    expect(authorized.text).toContain('id="management-api-token-command"');
    expect(authorized.text).not.toContain('id="management-api-unexpected"');
    // An application that is meant to hold the grant is not marked in the list.
    expect((await dashboard.agent().get(list).expect(200)).text).not.toContain('Holds Management API access');
  });

  it('authorizes one stored without client_credentials, saying that /oauth/token refuses it until that grant type is added', async () => {
    const { client, clientSecret } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Older shop',
      appType: 'regular_web',
      grantTypes: ['authorization_code', 'implicit', 'refresh_token'],
    });
    const page = `${list}/${client.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain('id="management-api-grant-type-missing"');
    expect(shown.text).toContain(`PATCH /api/v2/clients/${client.clientId}`);

    const saved = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] });
    expect(saved.status).toBe(303);
    const refused = await tokenFor({ clientId: client.clientId, clientSecret: clientSecret! });
    expect([refused.status, refused.body.error]).toEqual([400, 'unauthorized_client']);
    // The dashboard changed the grant, never the grant types: existing applications keep theirs.
    expect((await dashboard.harness().store.clients.get('default', client.clientId))?.grantTypes).toEqual(['authorization_code', 'implicit', 'refresh_token']);
  });
});
