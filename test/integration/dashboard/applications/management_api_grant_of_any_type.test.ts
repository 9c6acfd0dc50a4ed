import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A grant for the Management API held by an application that is not machine-to-machine: made
 * through /api/v2/client-grants (as Auth0 allows, for a confidential client), or kept by a
 * machine-to-machine application PATCHed to another type. It works whenever the application's grant
 * types include client_credentials, so the dashboard never hides it: the section shows it, says
 * plainly that this application is not machine-to-machine, and revokes it. Only a new grant for such
 * an application is refused in the dashboard.
 */
const list = '/manage/t/default/applications';
const audience = `http://${HOST}/api/v2/`;
const UNEXPECTED = 'is not a machine-to-machine application, yet it holds access to the Management API';

describe('a Management API grant held by an application that is not machine-to-machine', () => {
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

  it('shows a regular web application granted through the API, with its scopes, marks it in the list, and revokes it', async () => {
    const admin = await automationToken();
    const { client, clientSecret } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: 'Web shop', appType: 'regular_web' });
    const web = { clientId: client.clientId, clientSecret: clientSecret! };
    await api('post', '/client-grants', admin, { client_id: web.clientId, audience, scope: ['read:users', 'read:user_idp_tokens'] }).expect(201);
    await api('patch', `/clients/${web.clientId}`, admin, { grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] }).expect(200);
    const issued = await tokenFor(web).expect(200);
    await request(app()).get('/api/v2/users').set('Host', HOST).set('authorization', `Bearer ${issued.body.access_token}`).expect(200);

    const page = `${list}/${web.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain('<h2 id="management-api-heading">Management API</h2>');
    expect(shown.text).toContain(`Web shop ${UNEXPECTED}`);
    expect(shown.text).toContain('it can get Management API tokens now');
    expect(shown.text).toContain('<input type="checkbox" name="scope" value="read:users" checked');
    expect(shown.text).toContain('<input type="checkbox" name="scope" value="read:user_idp_tokens" checked');
    expect(shown.text).toContain('Revoke access</button>');
    expect(shown.text).not.toContain('this one signs users in');
    // The token command is offered to machine-to-machine applications only.
    expect(shown.text).not.toContain('id="management-api-token-command"');

    const listed = await dashboard.agent().get(list).expect(200);
    const row = listed.text.split('<tr>').find((cells) => cells.includes(web.clientId))!;
    expect(row).toContain('Holds Management API access');
    expect(listed.text.match(/Holds Management API access/g)).toHaveLength(1);

    const revoked = await submitForm(dashboard.agent(), page, `${page}/management-api/revoke`, { confirm: 'on' });
    expect([revoked.status, revoked.headers.location]).toEqual([303, `${page}?management_api=revoked#management-api`]);
    expect((await tokenFor(web)).body.error).toBe('access_denied');
    await request(app()).get('/api/v2/users').set('Host', HOST).set('authorization', `Bearer ${issued.body.access_token}`).expect(403);
    const after = await dashboard.agent().get(`${page}?management_api=revoked`).expect(200);
    expect(after.text).toContain('Access revoked.');
    expect(after.text).not.toContain(UNEXPECTED);
    expect((await dashboard.agent().get(list).expect(200)).text).not.toContain('Holds Management API access');
  });

  it('shows and revokes the grant a machine-to-machine application kept when PATCHed to regular_web', async () => {
    const admin = await automationToken();
    const { client, clientSecret } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Former robot',
      appType: 'non_interactive',
      managementScopes: ['read:users'],
    });
    const robot = { clientId: client.clientId, clientSecret: clientSecret! };
    await api('patch', `/clients/${robot.clientId}`, admin, { app_type: 'regular_web' }).expect(200);
    expect((await tokenFor(robot)).status).toBe(200);

    const page = `${list}/${robot.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain(`Former robot ${UNEXPECTED}`);

    // Narrowing the grant it holds is allowed: only a new grant is refused.
    const narrowed = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'update', scope: ['read:logs'] });
    expect(narrowed.status).toBe(303);
    expect((await tokenFor(robot)).body.scope).toBe('read:logs');

    const revoked = await submitForm(dashboard.agent(), page, `${page}/management-api/revoke`, { confirm: 'on' });
    expect(revoked.status).toBe(303);
    expect((await tokenFor(robot)).body.error).toBe('access_denied');
    expect(await dashboard.harness().store.clients.get('default', robot.clientId)).toMatchObject({ managementScopes: [], managementGrant: false });

    // With the grant gone, it is an application that signs users in: no new grant from the dashboard.
    const again = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Only machine-to-machine applications call the Management API');
    expect((await tokenFor(robot)).body.error).toBe('access_denied');
  });

  it('says a grant cannot be used yet while client_credentials is not among its grant types, and still revokes it', async () => {
    const admin = await automationToken();
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: 'Dormant', appType: 'regular_web' });
    await api('post', '/client-grants', admin, { client_id: client.clientId, audience, scope: [] }).expect(201);

    const page = `${list}/${client.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain(`Dormant ${UNEXPECTED}`);
    expect(shown.text).toContain('the grant works as soon as that grant type is added');
    const revoked = await submitForm(dashboard.agent(), page, `${page}/management-api/revoke`, { confirm: 'on' });
    expect(revoked.status).toBe(303);
    expect((await dashboard.harness().store.clients.get('default', client.clientId))?.managementGrant).toBe(false);
  });
});
