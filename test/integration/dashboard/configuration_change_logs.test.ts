import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import type { Identity, LogEvent } from '../../../src/domain/types.js';
import { HOST, submitForm, useSignedInDashboard } from './dashboard_harness.js';

// Every configuration change made in the dashboard is logged as the Management API logs its writes:
// a sapi event in the tenant's logs, with the Management API call it amounts to, the dashboard as
// channel and the admin who made it.
const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
const apps = '/manage/t/default/applications';
const CONNECTION_SECRET = 'connection-secret-never-logged';

async function newestChange(tenant = 'default'): Promise<LogEvent> {
  const { items } = await dashboard.harness().store.logs.list(tenant, { page: 0, perPage: 1, type: 'sapi' });
  if (!items[0]) throw new Error(`no sapi event in ${tenant}`);
  return items[0];
}

/** What every dashboard change event says, whatever the change. */
function change(description: string, method: string, path: string | RegExp, statusCode: number) {
  return {
    type: 'sapi',
    description,
    userName: 'owner@example.com',
    hostname: new URL(`http://${HOST}`).hostname,
    details: expect.objectContaining({
      request: { method, path: typeof path === 'string' ? path : expect.stringMatching(path), channel: 'dashboard', auth: { user: { email: 'owner@example.com' } } },
      response: { statusCode },
    }),
  };
}

async function addApplication(name: string): Promise<string> {
  const { client } = await createClient(dashboard.harness().store.clients, {
    tenant: 'default',
    name,
    appType: 'regular_web',
    callbacks: ['https://app.example/callback'],
  });
  return client.clientId;
}

describe('configuration changes made in the dashboard are logged', () => {
  it('logs an application created, with its client id and never its secret', async () => {
    const created = await submitForm(dashboard.agent(), `${apps}/new`, apps, { name: 'Logged app', app_type: 'regular_web' });
    expect(created.status).toBe(303);
    const event = await newestChange();
    expect(event).toMatchObject(change('Create a client', 'POST', '/api/v2/clients', 201));
    const client = await dashboard.harness().store.clients.get('default', String(event.details?.client_id));
    expect(client?.name).toBe('Logged app');
    const secretPage = await dashboard.agent().get(String(created.headers.location)).expect(200);
    const secret = /<code id="client-secret">([^<]+)<\/code>/.exec(secretPage.text)?.[1];
    expect(secret).toBeDefined();
    expect(JSON.stringify(event)).not.toContain(secret);
  });

  it('logs application settings saved', async () => {
    const clientId = await addApplication('Settings app');
    const page = `${apps}/${clientId}`;
    const saved = await submitForm(dashboard.agent(), page, page, { name: 'Renamed app', callbacks: 'https://app.example/callback', allowed_logout_urls: '' });
    expect(saved.status).toBe(303);
    expect(await newestChange()).toMatchObject(change('Update a client', 'PATCH', `/api/v2/clients/${clientId}`, 200));
  });

  it('logs a client secret rotated', async () => {
    const clientId = await addApplication('Rotated app');
    const page = `${apps}/${clientId}/rotate-secret`;
    expect((await submitForm(dashboard.agent(), page, page, { confirm: 'on' })).status).toBe(303);
    expect(await newestChange()).toMatchObject(change('Rotate a client secret', 'POST', `/api/v2/clients/${clientId}/rotate-secret`, 200));
  });

  it('logs an application deleted', async () => {
    const clientId = await addApplication('Deleted app');
    const page = `${apps}/${clientId}/delete`;
    expect((await submitForm(dashboard.agent(), page, page, {})).status).toBe(303);
    expect(await newestChange()).toMatchObject(change('Delete a client', 'DELETE', `/api/v2/clients/${clientId}`, 204));
  });

  it('logs connection settings saved, first as a creation, then as an update, never with the secret', async () => {
    const page = '/manage/t/default/social/fitbit';
    const fields = { api: 'google-health', client_id: 'logged.apps.googleusercontent.com', client_secret: CONNECTION_SECRET, scope: ['profile'] };
    expect((await submitForm(dashboard.agent(), page, page, fields)).status).toBe(303);
    const created = await newestChange();
    expect(created).toMatchObject(change('Create a connection', 'POST', '/api/v2/connections', 201));
    const connection = await dashboard.harness().store.connections.getByName('default', 'fitbit');
    expect(created.details?.connection_id).toBe(connection?.id);

    expect((await submitForm(dashboard.agent(), page, page, { ...fields, scope: ['profile', 'activity'] })).status).toBe(303);
    const updated = await newestChange();
    expect(updated).toMatchObject(change('Update a connection', 'PATCH', `/api/v2/connections/${connection?.id}`, 200));
    expect(JSON.stringify([created, updated])).not.toContain(CONNECTION_SECRET);
  });

  it('logs a connection enabled and disabled for an application', async () => {
    const clientId = await addApplication('Toggled app');
    const connection = await dashboard.harness().store.connections.getByName('default', 'fitbit');
    expect(connection).toBeDefined();
    const tab = '/manage/t/default/social/fitbit/applications';
    const path = `/api/v2/connections/${connection?.id}/clients`;
    expect((await submitForm(dashboard.agent(), tab, `${tab}/${clientId}`, { enabled: 'on' })).status).toBe(303);
    expect(await newestChange()).toMatchObject({
      // 204, as PATCH /api/v2/connections/{id}/clients answers.
      ...change('Update enabled clients for a connection', 'PATCH', path, 204),
      details: expect.objectContaining({ client_id: clientId, status: true }),
    });
    expect((await submitForm(dashboard.agent(), tab, `${tab}/${clientId}`, {})).status).toBe(303);
    expect((await newestChange()).details).toMatchObject({ client_id: clientId, status: false });
  });

  it('logs an admin invited, without the set-password link', async () => {
    const page = '/manage/t/default/admins';
    expect((await submitForm(dashboard.agent(), page, page, { email: 'new.admin@example.com' })).status).toBe(303);
    const event = await newestChange();
    expect(event).toMatchObject({
      ...change('Invite a dashboard admin', 'POST', page, 201),
      details: expect.objectContaining({ admin: 'new.admin@example.com', outcome: 'invited' }),
    });
    expect(JSON.stringify(event)).not.toContain('set-password');
  });

  it('logs a new set-password link, without the link', async () => {
    const page = '/manage/t/default/admins';
    expect((await submitForm(dashboard.agent(), page, page, { email: 'lost.link@example.com' })).status).toBe(303);
    expect((await submitForm(dashboard.agent(), page, `${page}/new-link`, { email: 'lost.link@example.com' })).status).toBe(303);
    const event = await newestChange();
    expect(event).toMatchObject({
      ...change('Issue a new set-password link for a dashboard admin', 'POST', `${page}/new-link`, 200),
      details: expect.objectContaining({ admin: 'lost.link@example.com' }),
    });
    expect(JSON.stringify(event)).not.toContain('set-password/');
  });

  it('logs an admin removed from the tenant', async () => {
    const page = '/manage/t/default/admins';
    expect((await submitForm(dashboard.agent(), page, page, { email: 'leaving@example.com' })).status).toBe(303);
    expect((await submitForm(dashboard.agent(), page, `${page}/remove`, { email: 'leaving@example.com', confirm: 'on' })).status).toBe(303);
    expect(await newestChange()).toMatchObject({
      ...change('Remove a dashboard admin', 'POST', `${page}/remove`, 200),
      details: expect.objectContaining({ admin: 'leaving@example.com', outcome: 'account_deleted' }),
    });
  });

  it('logs a tenant created, in the new tenant\'s logs', async () => {
    expect((await submitForm(dashboard.agent(), '/manage/tenants', '/manage/tenants', { name: 'loggedtenant' })).status).toBe(303);
    expect(await newestChange('loggedtenant')).toMatchObject(change('Create a tenant', 'POST', '/manage/tenants', 201));
  });

  it('logs a user deleted, naming the user and how the upstream revocation went, as the Management API does', async () => {
    const now = new Date().toISOString();
    const userId = 'fitbit|LOGGED1';
    const identity: Identity = { provider: 'fitbit', connection: 'fitbit', userId: 'LOGGED1', isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' };
    await dashboard.harness().store.users.create({ tenant: 'default', userId, identities: [identity], loginsCount: 1, createdAt: now, updatedAt: now });
    const page = `/manage/t/default/users/${encodeURIComponent(userId)}/delete`;
    expect((await submitForm(dashboard.agent(), page, page, {})).status).toBe(303);
    expect(await newestChange()).toMatchObject({
      ...change('Delete a user', 'DELETE', `/api/v2/users/${encodeURIComponent(userId)}`, 204),
      userId,
      details: expect.objectContaining({ upstream_revocation: { 'fitbit|LOGGED1': 'nothing_to_revoke' } }),
    });
  });

  it('shows the changes under Logs in the dashboard and in /api/v2/logs', async () => {
    const clientId = await addApplication('Visible app');
    const page = `${apps}/${clientId}/delete`;
    await submitForm(dashboard.agent(), page, page, {});

    const logsPage = await dashboard.agent().get('/manage/t/default/logs?type=sapi').expect(200);
    expect(logsPage.text).toContain('Delete a client');
    expect(logsPage.text).toContain('owner@example.com');

    const harness = dashboard.harness();
    const m2m = await createClient(harness.store.clients, { tenant: 'default', name: 'log reader', appType: 'non_interactive', managementScopes: ['read:logs'] });
    const token = await request(harness.app)
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: m2m.client.clientId, client_secret: m2m.clientSecret, audience: managementApiAudience(`http://${HOST}`) })
      .expect(200);
    const logs = await request(harness.app)
      .get('/api/v2/logs')
      .query({ q: 'type:sapi' })
      .set('Host', HOST)
      .set('Authorization', `Bearer ${String(token.body.access_token)}`)
      .expect(200);
    const events = logs.body as Array<{ description: string; details: { request: { path: string; channel: string } } }>;
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          description: 'Delete a client',
          details: expect.objectContaining({ request: expect.objectContaining({ path: `/api/v2/clients/${clientId}`, channel: 'dashboard' }) }),
        }),
      ]),
    );
  });
});
