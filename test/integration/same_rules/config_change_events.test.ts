import { beforeAll, describe, expect, it } from '@jest/globals';
import type { LogEvent, User } from '../../../src/domain/types.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * One configuration change leaves one kind of `sapi` event, whether the Management API or the
 * dashboard made it (domain/config_changes.ts): the same description, method, path, status, the
 * user it is about and what the API's event reports besides (a deleted user's upstream revocation).
 * Only the caller and the channel tell the two apart.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;
const settings = `/manage/t/${TENANT}/social/fitbit`;

/** The newest sapi event with what tells the surfaces apart left out, and `id` written as ":id". */
async function newestChange(id?: string): Promise<Record<string, unknown>> {
  const { items } = await both.harness().store.logs.list(TENANT, { page: 0, perPage: 1, type: 'sapi' });
  const event: LogEvent | undefined = items[0];
  if (!event) throw new Error('no sapi event yet');
  const { request, response, upstream_revocation } = (event.details ?? {}) as { request: { method: string; path: string }; response: unknown; upstream_revocation?: unknown };
  const shown = JSON.stringify({
    description: event.description,
    method: request.method,
    path: request.path,
    response,
    userId: event.userId,
    upstream_revocation,
  });
  return JSON.parse(id === undefined ? shown : shown.split(encodeURIComponent(id)).join(':id').split(id).join(':id')) as Record<string, unknown>;
}

async function application(name: string): Promise<string> {
  const created = await both.api('post', '/clients', { name, app_type: 'regular_web' }).expect(201);
  return String((created.body as { client_id: string }).client_id);
}

async function connectionId(): Promise<string> {
  return (await both.harness().store.connections.getByName(TENANT, 'fitbit'))!.id;
}

/** A user with one identity holding no upstream tokens, so its revocation has nothing to revoke. */
async function user(upstreamId: string): Promise<string> {
  const now = new Date().toISOString();
  const created: User = {
    tenant: TENANT,
    userId: `fitbit|${upstreamId}`,
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: upstreamId, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
    loginsCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  await both.harness().store.users.create(created);
  return created.userId;
}

describe('a configuration change, logged by the Management API and by the dashboard', () => {
  beforeAll(async () => {
    const typed = await both.form(settings, settings, { api: 'google-health', client_id: 'events.apps.googleusercontent.com', client_secret: 'events-secret', scope: ['activity'] });
    expect(typed.status).toBe(303);
  });

  it('logs an application’s settings saved the same way', async () => {
    const clientId = await application('Saved');
    await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { name: 'Saved again' }).expect(200);
    const byApi = await newestChange(clientId);
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    expect((await both.form(page, page, { name: 'Saved once more' })).status).toBe(303);
    expect(await newestChange(clientId)).toEqual(byApi);
  });

  it('logs a client secret rotated the same way', async () => {
    const clientId = await application('Rotated');
    await both.api('post', `/clients/${encodeURIComponent(clientId)}/rotate-secret`).expect(200);
    const byApi = await newestChange(clientId);
    const page = `${apps}/${encodeURIComponent(clientId)}/rotate-secret`;
    expect((await both.form(page, page, { confirm: 'on' })).status).toBe(303);
    expect(await newestChange(clientId)).toEqual(byApi);
  });

  it('logs an application deleted the same way', async () => {
    const viaApi = await application('Deleted by the API');
    await both.api('delete', `/clients/${encodeURIComponent(viaApi)}`).expect(204);
    const byApi = await newestChange(viaApi);
    const inDashboard = await application('Deleted in the dashboard');
    const page = `${apps}/${encodeURIComponent(inDashboard)}/delete`;
    expect((await both.form(page, page, {})).status).toBe(303);
    expect(await newestChange(inDashboard)).toEqual(byApi);
  });

  it('logs a connection’s settings saved the same way', async () => {
    const id = await connectionId();
    await both.api('patch', `/connections/${encodeURIComponent(id)}`, { options: { api: 'google-health', client_id: 'events.apps.googleusercontent.com', scope: ['activity'] } }).expect(200);
    const byApi = await newestChange(id);
    expect((await both.form(settings, settings, { api: 'google-health', client_id: 'events.apps.googleusercontent.com', client_secret: '', scope: ['activity', 'profile'] })).status).toBe(303);
    expect(await newestChange(id)).toEqual(byApi);
  });

  it('logs an application enabled on a connection the same way, with the status the API answers', async () => {
    const id = await connectionId();
    const viaApi = await application('Switched by the API');
    await both.api('patch', `/connections/${encodeURIComponent(id)}/clients`, [{ client_id: viaApi, status: false }]).expect(204);
    const byApi = await newestChange(id);
    expect(byApi).toMatchObject({ response: { statusCode: 204 } });
    const inDashboard = await application('Switched in the dashboard');
    const tab = `${settings}/applications`;
    expect((await both.form(tab, `${tab}/${encodeURIComponent(inDashboard)}`, {})).status).toBe(303);
    expect(await newestChange(id)).toEqual(byApi);
  });

  it('logs the tenant’s settings saved the same way', async () => {
    await both.api('patch', '/tenants/settings', { idle_session_lifetime: 2 }).expect(200);
    const byApi = await newestChange();
    const page = `/manage/t/${TENANT}/settings`;
    expect((await both.form(page, page, { inactivity_timeout: '180', require_log_in_after: '4320' })).status).toBe(303);
    expect(await newestChange()).toEqual(byApi);
  });

  it('logs a user blocked and unblocked the same way: the user', async () => {
    const viaApi = await user('APIBLOCKED');
    await both.api('patch', `/users/${encodeURIComponent(viaApi)}`, { blocked: true }).expect(200);
    const byApi = await newestChange(viaApi.replace('fitbit|', ''));
    expect(byApi).toMatchObject({ description: 'Update a user', method: 'PATCH', userId: 'fitbit|:id' });
    const inDashboard = await user('DASHBLOCKED');
    const page = `/manage/t/${TENANT}/users/${encodeURIComponent(inDashboard)}`;
    expect((await both.form(`${page}/block`, `${page}/block`, {})).status).toBe(303);
    expect(await newestChange(inDashboard.replace('fitbit|', ''))).toEqual(byApi);
    expect((await both.form(page, `${page}/unblock`, {})).status).toBe(303);
    expect(await newestChange(inDashboard.replace('fitbit|', ''))).toEqual(byApi);
  });

  it('logs a user deleted the same way: the user, and how the upstream revocation went', async () => {
    const viaApi = await user('APIDELETED');
    await both.api('delete', `/users/${encodeURIComponent(viaApi)}`).expect(204);
    const byApi = await newestChange(viaApi.replace('fitbit|', ''));
    expect(byApi).toMatchObject({ userId: 'fitbit|:id', upstream_revocation: { 'fitbit|:id': 'nothing_to_revoke' } });
    const inDashboard = await user('DASHDELETED');
    const page = `/manage/t/${TENANT}/users/${encodeURIComponent(inDashboard)}/delete`;
    expect((await both.form(page, page, {})).status).toBe(303);
    expect(await newestChange(inDashboard.replace('fitbit|', ''))).toEqual(byApi);
  });
});
