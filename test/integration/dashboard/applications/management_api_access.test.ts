import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../../src/domain/management_scopes.js';
import type { LogEvent } from '../../../../src/domain/types.js';
import {
  csrfFrom,
  HOST,
  signedInAgent,
  startDashboardHarness,
  submitForm,
  useSignedInDashboard,
  type Agent,
  type DashboardHarness,
} from '../dashboard_harness.js';

/**
 * An application's Management API section (Auth0's APIs tab): a machine-to-machine application made
 * in the dashboard is authorized for the tenant's Management API there, with the permissions ticked,
 * and gets real tokens with exactly those; the permissions change and the access is revoked the
 * same way, on the same client grant records as /api/v2/client-grants.
 */
const list = '/manage/t/default/applications';
const audience = `http://${HOST}/api/v2/`;

describe('the Management API section of an application', () => {
  const dashboard = useSignedInDashboard();

  /** A machine-to-machine application created as an admin would, with the secret its credentials page showed once. */
  async function newRobot(name: string): Promise<{ clientId: string; clientSecret: string; page: string }> {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name, app_type: 'non_interactive' });
    const shown = await dashboard.agent().get(String(created.headers.location)).expect(200);
    const clientId = /id="client-id">([^<]+)</.exec(shown.text)![1]!;
    const clientSecret = /id="client-secret">([^<]+)</.exec(shown.text)![1]!;
    // The page that shows the secret once points on to where the application gets its access.
    expect(shown.text).toContain(`href="${list}/${clientId}#management-api">Management API</a>`);
    return { clientId, clientSecret, page: `${list}/${clientId}` };
  }

  function tokenFor(robot: { clientId: string; clientSecret: string }) {
    return request(dashboard.harness().app)
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: robot.clientId, client_secret: robot.clientSecret, audience });
  }

  function callApi(token: string, path: string) {
    return request(dashboard.harness().app).get(`/api/v2${path}`).set('Host', HOST).set('authorization', `Bearer ${token}`);
  }

  const storedGrant = async (clientId: string) => {
    const client = await dashboard.harness().store.clients.get('default', clientId);
    return { scopes: client?.managementScopes, grant: client?.managementGrant };
  };

  async function newestChange(): Promise<LogEvent> {
    const { items } = await dashboard.harness().store.logs.list('default', { page: 0, perPage: 1, type: 'sapi' });
    return items[0]!;
  }

  const authorize = (robot: { page: string }, scope: string[], intent = 'authorize') =>
    submitForm(dashboard.agent(), robot.page, `${robot.page}/management-api`, { intent, scope });

  const tickedBoxes = (html: string) => [...html.matchAll(/<input type="checkbox" name="scope" value="([^"]+)" checked/g)].map((match) => match[1]);

  it('authorizes with the permissions ticked: the token carries exactly those and calls the Management API', async () => {
    const robot = await newRobot('Nightly export');
    const before = await tokenFor(robot);
    expect([before.status, before.body.error]).toEqual([403, 'access_denied']);
    const page = await dashboard.agent().get(robot.page).expect(200);
    expect(page.text).toContain('<h2 id="management-api-heading">Management API</h2>');
    expect(page.text).toContain('Not authorized');
    expect(page.text).toContain('<button type="submit">Authorize</button>');
    expect(tickedBoxes(page.text)).toEqual([]);

    const saved = await authorize(robot, ['read:logs', 'read:users']);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${robot.page}?management_api=authorized#management-api`);
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: ['read:users', 'read:logs'], grant: true });

    const issued = await tokenFor(robot);
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('read:users read:logs');
    const token = issued.body.access_token as string;
    expect((await callApi(token, '/users')).status).toBe(200);
    expect((await callApi(token, '/logs')).status).toBe(200);
    expect((await callApi(token, '/clients')).status).toBe(403);

    expect(await newestChange()).toMatchObject({
      type: 'sapi',
      description: 'Create client grant',
      userName: 'owner@example.com',
      details: expect.objectContaining({
        request: expect.objectContaining({ method: 'POST', path: '/api/v2/client-grants', channel: 'dashboard' }),
        response: { statusCode: 201 },
        client_id: robot.clientId,
        scope: ['read:users', 'read:logs'],
      }),
    });
  });

  it('confirms, ticks the granted permissions and shows the token command with the secret as a placeholder only', async () => {
    const robot = await newRobot('Shown command');
    await authorize(robot, ['read:clients']).then((response) => expect(response.status).toBe(303));
    const page = await dashboard.agent().get(`${robot.page}?management_api=authorized`).expect(200);
    expect(page.text).toMatch(/<p class="flash" role="status">Shown command is authorized for the Management API\./);
    expect(tickedBoxes(page.text)).toEqual(['read:clients']);
    expect(page.text).toContain('<button type="submit">Update permissions</button>');
    const command = /<code id="management-api-token-command">([^<]+)<\/code>/.exec(page.text)?.[1];
    expect(command).toBe(
      [
        `curl -s &#39;http://${HOST}/oauth/token&#39; \\`,
        `  -H &#39;content-type: application/json&#39; \\`,
        `  -d &#39;{&quot;grant_type&quot;:&quot;client_credentials&quot;,`,
        `       &quot;client_id&quot;:&quot;${robot.clientId}&quot;,`,
        `       &quot;client_secret&quot;:&quot;YOUR_CLIENT_SECRET&quot;,`,
        `       &quot;audience&quot;:&quot;${audience}&quot;}&#39;`,
      ].join('\n'),
    );
    expect(page.text).toContain(`<code id="management-api-audience">${audience}</code>`);
    expect(page.text).not.toContain(robot.clientSecret);
  });

  it('runs the command it shows: with the secret put in, the shell-quoted JSON is a valid token request', async () => {
    const robot = await newRobot('Pasted command');
    await authorize(robot, ['read:connections']);
    const page = await dashboard.agent().get(robot.page).expect(200);
    const command = /<code id="management-api-token-command">([^<]+)<\/code>/.exec(page.text)![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    const body = /-d '([^']+)'/.exec(command)![1]!.replace('YOUR_CLIENT_SECRET', robot.clientSecret);
    const url = new URL(/curl -s '([^']+)'/.exec(command)![1]!);
    const issued = await request(dashboard.harness().app).post(url.pathname).set('Host', url.host).set('content-type', 'application/json').send(body);
    expect([issued.status, issued.body.scope]).toEqual([200, 'read:connections']);
  });

  it('updates the permissions: new tokens carry the new ones and a token already issued loses the others', async () => {
    const robot = await newRobot('Narrowed');
    await authorize(robot, ['read:clients', 'read:connections']);
    const early = (await tokenFor(robot)).body.access_token as string;
    expect((await callApi(early, '/clients')).status).toBe(200);

    const updated = await authorize(robot, ['read:connections', 'update:connections'], 'update');
    expect(updated.status).toBe(303);
    expect(updated.headers.location).toBe(`${robot.page}?management_api=updated#management-api`);
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: ['read:connections', 'update:connections'], grant: true });
    expect((await tokenFor(robot)).body.scope).toBe('read:connections update:connections');
    expect((await callApi(early, '/clients')).status).toBe(403);
    expect((await callApi(early, '/connections')).status).toBe(200);

    const page = await dashboard.agent().get(`${robot.page}?management_api=updated`).expect(200);
    expect(page.text).toContain('Permissions updated.');
    expect(tickedBoxes(page.text)).toEqual(['read:connections', 'update:connections']);
    expect(await newestChange()).toMatchObject({
      description: 'Update client grant',
      details: expect.objectContaining({
        request: expect.objectContaining({ method: 'PATCH', path: `/api/v2/client-grants/cgr_${robot.clientId}` }),
        response: { statusCode: 200 },
        scope: ['read:connections', 'update:connections'],
      }),
    });
  });

  it('revokes only once confirmed: token requests are then refused and issued tokens stop working', async () => {
    const robot = await newRobot('Revoked');
    await authorize(robot, ['read:users']);
    const token = (await tokenFor(robot)).body.access_token as string;

    const unconfirmed = await submitForm(dashboard.agent(), robot.page, `${robot.page}/management-api/revoke`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toMatch(/id="confirm-error">Tick the box to confirm/);
    expect(unconfirmed.text).toContain('name="confirm" required aria-invalid="true" aria-describedby="confirm-error"');
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: ['read:users'], grant: true });

    const revoked = await submitForm(dashboard.agent(), robot.page, `${robot.page}/management-api/revoke`, { confirm: 'on' });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe(`${robot.page}?management_api=revoked#management-api`);
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: [], grant: false });

    const refused = await tokenFor(robot);
    expect([refused.status, refused.body.error]).toEqual([403, 'access_denied']);
    expect(refused.body.error_description).toBe(
      `Client is not authorized to access "${audience}": authorize it on its page in the dashboard, under Management API, or with POST /api/v2/client-grants`,
    );
    expect((await callApi(token, '/users')).status).toBe(403);

    const page = await dashboard.agent().get(`${robot.page}?management_api=revoked`).expect(200);
    expect(page.text).toContain('Access revoked.');
    expect(page.text).toContain('Not authorized');
    expect(page.text).not.toContain('id="management-api-token-command"');
    expect(await newestChange()).toMatchObject({
      description: 'Delete client grant',
      details: expect.objectContaining({
        request: expect.objectContaining({ method: 'DELETE', path: `/api/v2/client-grants/cgr_${robot.clientId}` }),
        response: { statusCode: 204 },
      }),
    });

    const again = await submitForm(dashboard.agent(), robot.page, `${robot.page}/management-api/revoke`, { confirm: 'on' });
    expect(again.headers.location).toBe(`${robot.page}?management_api=not-authorized#management-api`);
  });

  it.each([
    [['root'], /There is no permission &quot;root&quot;: tick permissions from the list\./],
    [['read:users', 'delete:everything'], /There is no permission &quot;delete:everything&quot;/],
    [[], /Tick at least one permission: a token without any allows nothing\./],
  ])('refuses the permissions %j with a readable message next to them, and stores nothing', async (scope, message) => {
    const robot = await newRobot(`Refused ${scope.join(' ')}`);
    const refused = await authorize(robot, scope);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(new RegExp(`<p class="field-error" id="scope-error">${message.source}`));
    // The first box carries the error, so the page's script focuses it and a screen reader reads the message.
    expect(refused.text).toMatch(/value="read:users"( checked)? aria-invalid="true" aria-describedby="scope-error"/);
    expect(tickedBoxes(refused.text)).toEqual(scope.filter((name) => name === 'read:users'));
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: [], grant: undefined });
    expect((await tokenFor(robot)).status).toBe(403);
  });

  it('refuses an update to no permission, pointing at Revoke, and keeps the grant', async () => {
    const robot = await newRobot('Emptied');
    await authorize(robot, ['read:logs']);
    const refused = await authorize(robot, [], 'update');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('To take the application’s access away, use Revoke access below.');
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: ['read:logs'], grant: true });
  });

  it('refuses a form from a stale tab instead of undoing what happened meanwhile', async () => {
    const robot = await newRobot('Two tabs');
    await authorize(robot, ['read:logs']);
    const reauthorized = await authorize(robot, ['read:users'], 'authorize');
    expect(reauthorized.status).toBe(409);
    expect(reauthorized.text).toContain('Two tabs was authorized meanwhile');
    expect(tickedBoxes(reauthorized.text)).toEqual(['read:users']);
    expect(reauthorized.text).toContain('<button type="submit">Update permissions</button>');
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: ['read:logs'], grant: true });

    await submitForm(dashboard.agent(), robot.page, `${robot.page}/management-api/revoke`, { confirm: 'on' });
    const updated = await authorize(robot, ['read:users'], 'update');
    expect(updated.status).toBe(409);
    expect(updated.text).toContain('access to the Management API was revoked meanwhile');
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: [], grant: false });
  });

  it('refuses a post without the CSRF token and changes nothing', async () => {
    const robot = await newRobot('Forged');
    const forged = await dashboard.agent().post(`${robot.page}/management-api`).type('form').send('intent=authorize&scope=read%3Ausers');
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form has expired');
    await authorize(robot, ['read:users']);
    const forgedRevoke = await dashboard.agent().post(`${robot.page}/management-api/revoke`).type('form').send('confirm=on');
    expect(forgedRevoke.status).toBe(403);
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: ['read:users'], grant: true });
  });

  it('lists every Management API permission once, grouped by resource, and ticks all or none on request without saving', async () => {
    const robot = await newRobot('Select all');
    const page = await dashboard.agent().get(robot.page).expect(200);
    const boxes = [...page.text.matchAll(/<input type="checkbox" name="scope" value="([^"]+)"/g)].map((match) => match[1]);
    expect(boxes).toEqual([...MANAGEMENT_API_SCOPES]);
    for (const label of ['Users', 'Applications', 'Connections', 'Logs', 'Client grants (Management API access)', 'User grants (what users allowed third-party applications)', 'Signing keys', 'Tenant settings']) {
      expect(page.text).toContain(`<p class="area-name"><strong>${label}</strong></p>`);
    }
    expect(page.text).toContain(`<a href="${robot.page}?select=all#management-api" data-tick="all"`);
    expect(page.text).toContain('<p class="hint" role="status" data-tick-status></p>');

    const all = await dashboard.agent().get(`${robot.page}?select=all`).expect(200);
    expect(tickedBoxes(all.text)).toEqual([...MANAGEMENT_API_SCOPES]);
    expect(all.text).toContain('<p class="hint" role="status" data-tick-status>Every permission is ticked: nothing is saved until you press Authorize.</p>');
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: [], grant: undefined });
    await authorize(robot, [...MANAGEMENT_API_SCOPES]);
    expect((await tokenFor(robot)).body.scope).toBe(MANAGEMENT_API_SCOPES.join(' '));
    const none = await dashboard.agent().get(`${robot.page}?select=none`).expect(200);
    expect(tickedBoxes(none.text)).toEqual([]);
    expect(await storedGrant(robot.clientId)).toEqual({ scopes: [...MANAGEMENT_API_SCOPES], grant: true });
  });

  it('shows a grant made through the Management API, of no scope too, as authorized', async () => {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: 'API made', appType: 'non_interactive' });
    await dashboard.harness().store.clients.update({ ...client, managementScopes: [], managementGrant: true });
    const page = await dashboard.agent().get(`${list}/${client.clientId}`).expect(200);
    expect(page.text).toContain('Authorized with no permission');
    expect(page.text).toContain('id="management-api-token-command"');
  });

  it.each(['spa', 'native'] as const)('offers a %s application no such form, and refuses a post to it', async (appType) => {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: `Signs users in ${appType}`, appType });
    const page = `${list}/${client.clientId}`;
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).not.toContain('/management-api');
    expect(shown.text).not.toContain('name="scope"');
    expect(shown.text).toContain('Only regular web and machine-to-machine applications call the Management API; this one runs where it cannot keep a secret.');

    const refused = await submitForm(dashboard.agent(), page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Only regular web and machine-to-machine applications call the Management API');
    expect(refused.text).toContain('Nothing was changed.');
    // Holding no grant, there is nothing to revoke: the page says so, and nothing is written.
    const revoke = await submitForm(dashboard.agent(), page, `${page}/management-api/revoke`, { confirm: 'on' });
    expect([revoke.status, revoke.headers.location]).toEqual([303, `${page}?management_api=not-authorized#management-api`]);
    expect(await dashboard.harness().store.clients.get('default', client.clientId)).toMatchObject({ managementScopes: [] });
    expect((await dashboard.harness().store.clients.get('default', client.clientId))?.revision).toBeUndefined();
  });

  it('answers 404 for an application that does not exist', async () => {
    const missing = await submitForm(dashboard.agent(), list, `${list}/no-such-client/management-api`, { intent: 'authorize', scope: ['read:users'] });
    expect(missing.status).toBe(404);
  });
});

describe('the Management API section across tenants', () => {
  let harness: DashboardHarness;
  let intruder: Agent;
  let acmeRobot: string;

  beforeAll(async () => {
    harness = await startDashboardHarness();
    await harness.seedAdmin('owner@acme.example', ['acme']);
    intruder = await signedInAgent(harness.app, await harness.seedAdmin('owner@globex.example', ['globex']));
    acmeRobot = (await createClient(harness.store.clients, { tenant: 'acme', name: 'Acme robot', appType: 'non_interactive' })).client.clientId;
  });
  afterAll(() => harness.close());

  it("neither shows nor changes another tenant's application, by its path or under the admin's own tenant", async () => {
    await intruder.get(`/manage/t/acme/applications/${acmeRobot}`).expect(404);
    await intruder.get(`/manage/t/globex/applications/${acmeRobot}`).expect(404);
    const _csrf = await csrfFrom(intruder, '/manage/t/globex');
    for (const tenant of ['acme', 'globex']) {
      const base = `/manage/t/${tenant}/applications/${acmeRobot}/management-api`;
      await intruder.post(base).type('form').send({ _csrf, intent: 'authorize', scope: 'read:users' }).expect(404);
      await intruder.post(`${base}/revoke`).type('form').send({ _csrf, confirm: 'on' }).expect(404);
    }
    expect(await harness.store.clients.get('acme', acmeRobot)).toMatchObject({ managementScopes: [] });
    expect((await harness.store.clients.get('acme', acmeRobot))?.managementGrant).toBeUndefined();
  });
});
