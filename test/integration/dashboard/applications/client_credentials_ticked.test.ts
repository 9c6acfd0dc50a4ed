import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard_harness.js';
import { grantTypesShownOf, tickedGrantTypesOf } from './grant_type_boxes.js';

/**
 * A regular web application stored before new ones got client_credentials gets it in the dashboard,
 * without the Management API: its Management API section points at the box, the box is ticked and
 * saved, and once authorized the application gets Management API tokens with its own credentials.
 */
describe('client_credentials for an older regular web application, from the dashboard', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';
  const audience = `http://${HOST}/api/v2/`;

  it('is ticked under Grant Types, after which the authorized application gets a token', async () => {
    const { client, clientSecret } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Older shop',
      appType: 'regular_web',
      grantTypes: ['authorization_code', 'implicit', 'refresh_token'],
    });
    const page = `${list}/${client.clientId}`;
    const tokenFor = () =>
      request(dashboard.harness().app)
        .post('/oauth/token')
        .set('Host', HOST)
        .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience });

    const before = (await dashboard.agent().get(page).expect(200)).text;
    expect(before).toContain('id="management-api-grant-type-missing"');
    expect(before).toContain('<a href="#grant-types">Client Credentials under Grant Types</a>');
    expect(before).toContain('<fieldset id="grant-types"');

    expect((await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] })).status).toBe(303);
    expect((await tokenFor()).body.error).toBe('unauthorized_client');

    const ticked = [...tickedGrantTypesOf(before), 'client_credentials'];
    expect((await submitForm(dashboard.agent(), page, page, { name: 'Older shop', ...grantTypesShownOf(before), grant_types: ticked })).status).toBe(303);
    expect((await dashboard.harness().store.clients.get('default', client.clientId))?.grantTypes).toEqual(['authorization_code', 'implicit', 'refresh_token', 'client_credentials']);

    const after = (await dashboard.agent().get(page).expect(200)).text;
    expect(after).not.toContain('id="management-api-grant-type-missing"');
    const issued = await tokenFor().expect(200);
    expect(issued.body.scope).toBe('read:users');
  });
});
