import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A grant for the Management API held by a single-page or native application: made through
 * /api/v2/client-grants (as Auth0 allows, for such an application given a secret), or kept by a
 * machine-to-machine application PATCHed to another type. It works whenever the application has a
 * secret and its grant types include client_credentials, so the dashboard never hides it: the
 * section shows it, says plainly that this type is not one it authorizes, and revokes it. Only a
 * new grant for such an application is refused in the dashboard.
 */
const list = '/manage/t/default/applications';
const audience = `http://${HOST}/api/v2/`;
const unexpected = (name: string, type: string) => `${name} is of type ${type}, yet it holds access to the Management API`;

describe('a Management API grant held by a single-page or native application', () => {
  const dashboard = useSignedInDashboard();
  const app = () => dashboard.harness().app;

  /** A Management API token of an automation allowed to make grants and change clients. */
  async function automationToken(): Promise<string> {
    const { client, clientSecret } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Automation',
      appType: 'non_interactive',
      managementScopes: ['create:client_grants', 'update:clients', 'read:users'],
    });
    const token = await tokenFor({ clientId: client.clientId, clientSecret: clientSecret! }).expect(200);
    return String(token.body.access_token);
  }

  function tokenFor(app_: { clientId: string; clientSecret: string }) {
    return request(app())
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: app_.clientId, client_secret: app_.clientSecret, audience });
  }

  function api(method: 'post' | 'patch', path: string, token: string, body: object) {
    return request(app())[method](`/api/v2${path}`).set('Host', HOST).set('authorization', `Bearer ${token}`).send(body);
  }

  it('shows the grant a machine-to-machine application kept when PATCHed to native, marks it in the list, narrows and revokes it', async () => {
    const admin = await automationToken();
    const { client, clientSecret } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Former robot',
      appType: 'non_interactive',
      managementScopes: ['read:users'],
    });
    const robot = { clientId: client.clientId, clientSecret: clientSecret! };
    await api('patch', `/clients/${robot.clientId}`, admin, { app_type: 'native' }).expect(200);
    const issued = await tokenFor(robot).expect(200);

    const page = `${list}/${robot.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain('<h2 id="management-api-heading">Management API</h2>');
    expect(shown.text).toContain(unexpected('Former robot', 'Native'));
    expect(shown.text).toContain('it can get Management API tokens now');
    expect(shown.text).toContain('<input type="checkbox" name="scope" value="read:users" checked');
    expect(shown.text).toContain('Revoke access</button>');
    expect(shown.text).not.toContain('this one runs where it cannot keep a secret');
    // The token command is offered to the types the dashboard authorizes only.
    expect(shown.text).not.toContain('id="management-api-token-command"');

    const listed = await dashboard.agent().get(list).expect(200);
    const row = listed.text.split('<tr>').find((cells) => cells.includes(robot.clientId))!;
    expect(row).toContain('Holds Management API access');
    expect(listed.text.match(/Holds Management API access/g)).toHaveLength(1);

    // Narrowing the grant it holds is allowed: only a new grant is refused.
    const narrowed = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'update', scope: ['read:logs'] });
    expect(narrowed.status).toBe(303);
    expect((await tokenFor(robot)).body.scope).toBe('read:logs');

    const revoked = await submitForm(dashboard.agent(), page, `${page}/management-api/revoke`, { confirm: 'on' });
    expect([revoked.status, revoked.headers.location]).toEqual([303, `${page}?management_api=revoked#management-api`]);
    expect((await tokenFor(robot)).body.error).toBe('access_denied');
    await request(app()).get('/api/v2/users').set('Host', HOST).set('authorization', `Bearer ${issued.body.access_token}`).expect(403);
    const after = await dashboard.agent().get(`${page}?management_api=revoked`).expect(200);
    expect(after.text).toContain('Access revoked.');
    expect(after.text).not.toContain(unexpected('Former robot', 'Native'));
    expect((await dashboard.agent().get(list).expect(200)).text).not.toContain('Holds Management API access');

    // With the grant gone, it is a native application: no new grant from the dashboard.
    const again = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Only regular web and machine-to-machine applications call the Management API');
    expect((await tokenFor(robot)).body.error).toBe('access_denied');
  });

  it('says a grant cannot be used yet while client_credentials is not among its grant types, and still revokes it', async () => {
    const admin = await automationToken();
    const { client } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Dormant',
      appType: 'spa',
      tokenEndpointAuthMethod: 'client_secret_post',
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    await api('post', '/client-grants', admin, { client_id: client.clientId, audience, scope: [] }).expect(201);

    const page = `${list}/${client.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain(unexpected('Dormant', 'Single page application'));
    expect(shown.text).toContain('the grant works as soon as that grant type is added');
    const revoked = await submitForm(dashboard.agent(), page, `${page}/management-api/revoke`, { confirm: 'on' });
    expect(revoked.status).toBe(303);
    expect((await dashboard.harness().store.clients.get('default', client.clientId))?.managementGrant).toBe(false);
  });
});
