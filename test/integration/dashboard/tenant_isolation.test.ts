import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { csrfFrom, signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from './dashboard_harness.js';
import { configureFitbit } from './try_helpers.js';

/**
 * An admin of one tenant sees and changes nothing of another: not through the other tenant's pages,
 * not by putting the other tenant's record ids under their own tenant, not by forged form posts.
 */
describe('tenant isolation in the dashboard', () => {
  let harness: DashboardHarness;
  let intruder: Agent;
  let acmeClientId: string;
  const acmeUserId = 'fitbit|ACME01';

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins() });
    await harness.seedAdmin('owner@acme.example', ['acme']);
    intruder = await signedInAgent(harness.app, await harness.seedAdmin('owner@globex.example', ['globex']));
    acmeClientId = (await createClient(harness.store.clients, { tenant: 'acme', name: 'Acme app', appType: 'regular_web' })).client.clientId;
    const now = new Date().toISOString();
    await configureFitbit(harness, { tenant: 'acme', api: 'google-health', scope: ['profile'] });
    await harness.store.users.create({
      tenant: 'acme',
      userId: acmeUserId,
      name: 'Acme Person',
      identities: [],
      loginsCount: 1,
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(() => harness.close());

  it.each([
    '/manage/t/acme',
    '/manage/t/acme/applications',
    `/manage/t/acme/applications/${'x'}`,
    '/manage/t/acme/social/fitbit',
    '/manage/t/acme/social/fitbit/try',
    '/manage/t/acme/users',
    '/manage/t/acme/logs',
    '/manage/t/acme/admins',
  ])('answers 404 for the other tenant\'s page %s', async (path) => {
    const response = await intruder.get(path.replace('/x', `/${acmeClientId}`)).expect(404);
    expect(response.text).not.toContain('Acme app');
  });

  it('answers an unknown tenant and a tenant managed by someone else alike', async () => {
    const unknown = await intruder.get('/manage/t/nosuchtenant').expect(404);
    const foreign = await intruder.get('/manage/t/acme').expect(404);
    expect(foreign.text).toBe(unknown.text.replace(/nosuchtenant/g, 'acme'));
  });

  it('does not find the other tenant\'s records under the admin\'s own tenant', async () => {
    await intruder.get(`/manage/t/globex/applications/${acmeClientId}`).expect(404);
    await intruder.get(`/manage/t/globex/users/${encodeURIComponent(acmeUserId)}`).expect(404);
  });

  it('lists only the admin\'s own tenants in the switcher', async () => {
    const page = await intruder.get('/manage/tenants').expect(200);
    expect(page.text).toContain('globex');
    expect(page.text).not.toContain('acme');
  });

  it('changes nothing through forged posts to the other tenant', async () => {
    const _csrf = await csrfFrom(intruder, '/manage/t/globex');
    const forged = [
      { path: '/manage/t/acme/applications', body: { name: 'Planted', app_type: 'spa' } },
      { path: `/manage/t/acme/applications/${acmeClientId}`, body: { name: 'Renamed', callbacks: '', allowed_logout_urls: '' } },
      { path: `/manage/t/acme/applications/${acmeClientId}/rotate-secret`, body: {} },
      { path: `/manage/t/acme/applications/${acmeClientId}/delete`, body: {} },
      { path: '/manage/t/acme/social/fitbit', body: { api: 'google-health', client_id: 'stolen', scope: 'profile' } },
      { path: `/manage/t/acme/social/fitbit/applications/${acmeClientId}`, body: { enabled: 'on' } },
      { path: `/manage/t/acme/users/${encodeURIComponent(acmeUserId)}/delete`, body: {} },
      { path: '/manage/t/acme/admins', body: { email: 'spy@globex.example' } },
    ];
    for (const { path, body } of forged) await intruder.post(path).type('form').send({ _csrf, ...body }).expect(404);

    const client = await harness.store.clients.get('acme', acmeClientId);
    expect(client?.name).toBe('Acme app');
    expect((await harness.store.clients.list('acme', { page: 0, perPage: 10 })).total).toBe(1);
    const connection = await harness.store.connections.getByName('acme', 'fitbit');
    expect(connection?.options.clientId).toBeUndefined();
    expect(connection?.enabledClients).toEqual([]);
    expect(await harness.store.users.get('acme', acmeUserId)).toBeDefined();
    expect((await harness.store.admins.get('spy@globex.example'))).toBeUndefined();
  });

  it('changes nothing through the admin\'s own tenant path with the other tenant\'s ids', async () => {
    await submitForm(intruder, '/manage/t/globex', `/manage/t/globex/applications/${acmeClientId}/delete`, {}).then((r) => expect(r.status).toBe(404));
    await submitForm(intruder, '/manage/t/globex', `/manage/t/globex/users/${encodeURIComponent(acmeUserId)}/delete`, {}).then((r) =>
      expect(r.status).toBe(404),
    );
    expect(await harness.store.clients.get('acme', acmeClientId)).toBeDefined();
    expect(await harness.store.users.get('acme', acmeUserId)).toBeDefined();
  });
});
