import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { updateClient } from '../../../../src/domain/client_updates.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

const CALLBACK = 'https://steps.example/callback';

/**
 * Auth0's tenant flag enable_client_connections (on by default): an application created on the
 * dashboard that signs users in has every connection of the tenant enabled, so its first login
 * reaches the login page instead of "No connection is enabled for this application".
 */
describe('a new application and the tenant’s connections', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const list = '/manage/t/default/applications';
  const social = '/manage/t/default/social';

  beforeAll(async () => {
    const saved = await submitForm(dashboard.agent(), `${social}/fitbit`, `${social}/fitbit`, { api: 'google-health', client_id: '', client_secret: '', scope: ['activity'] });
    expect(saved.status).toBe(303);
  });

  async function create(name: string, appType: string): Promise<string> {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name, app_type: appType });
    expect(created.status).toBe(303);
    const page = await dashboard.agent().get(String(created.headers.location)).expect(200);
    return /id="client-id">([^<]+)</.exec(page.text)![1]!;
  }

  async function enabledOnFitbit(clientId: string): Promise<boolean> {
    const { store } = dashboard.harness();
    const connection = (await store.connections.getByName('default', 'fitbit'))!;
    return (await store.connections.getStored('default', connection.id))!.enabledClients.includes(clientId);
  }

  it('enables the connection for a new regular web application, whose /authorize then reaches the login page', async () => {
    const clientId = await create('Step Counter', 'regular_web');
    expect(await enabledOnFitbit(clientId)).toBe(true);
    const { text } = await dashboard.agent().get(`${social}/fitbit/applications`).expect(200);
    expect(text).toMatch(new RegExp(`id="app-${clientId}"[\\s\\S]*?checked`));

    const { store } = dashboard.harness();
    await updateClient(store.clients, 'default', clientId, (current) => ({ ...current, callbacks: [CALLBACK] }));
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid', state: 'st' });
    const answer = await request(dashboard.harness().app).get(`/authorize?${query}`).set('Host', HOST);
    expect(`${answer.headers.location ?? ''} ${answer.text}`).not.toContain('No connection is enabled');
    // The Universal Login page, listing the connection, instead of the refusal sent to the callback.
    expect(answer.headers.location).toBeUndefined();
    expect(answer.status).toBe(200);
  });

  it('enables no connection for a machine-to-machine application, which signs no user in', async () => {
    const clientId = await create('Nightly export', 'non_interactive');
    expect(await enabledOnFitbit(clientId)).toBe(false);
  });
});
