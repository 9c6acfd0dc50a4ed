import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * An application is deleted by one rule from the dashboard and from DELETE /api/v2/clients/{id}
 * (domain/application_removal.ts): taken out of every connection's enabled clients first, then
 * deleted. When the first step fails, both leave the application as it was, never an id in
 * enabled_clients that names no application.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;
const settings = `/manage/t/${TENANT}/social/fitbit`;

interface Left {
  exists: boolean;
  enabled: boolean;
}

async function connectionId(): Promise<string> {
  const found = (await both.harness().store.connections.list(TENANT)).find((candidate) => candidate.strategy === 'fitbit');
  if (!found) throw new Error('no fitbit connection yet');
  return found.id;
}

async function left(clientId: string): Promise<Left> {
  const connection = await both.harness().store.connections.get(TENANT, await connectionId());
  return {
    exists: (await both.harness().store.clients.get(TENANT, clientId)) !== undefined,
    enabled: connection!.enabledClients.includes(clientId),
  };
}

/** A new application that signs users in, so it starts enabled on the tenant's connection. */
async function enabledApplication(name: string): Promise<string> {
  const created = await both.api('post', '/clients', { name, app_type: 'spa' }).expect(201);
  const clientId = String((created.body as { client_id: string }).client_id);
  expect(await left(clientId)).toEqual({ exists: true, enabled: true });
  return clientId;
}

const deletedInDashboard = (clientId: string) => {
  const page = `${apps}/${encodeURIComponent(clientId)}/delete`;
  return both.form(page, page, {});
};
const deletedThroughApi = (clientId: string) => both.api('delete', `/clients/${encodeURIComponent(clientId)}`);

/** The next write to a connection fails, as a store that went away would. */
function connectionWriteFails(): void {
  jest.spyOn(both.harness().store.connections, 'update').mockRejectedValueOnce(new Error('store down'));
}

describe('deleting an application, in the dashboard and the Management API', () => {
  beforeAll(async () => {
    const typed = await both.form(settings, settings, { api: 'google-health', client_id: 'apps.apps.googleusercontent.com', client_secret: 'apps-secret', scope: ['activity'] });
    expect(typed.status).toBe(303);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('takes the application out of its connections and deletes it, both ways', async () => {
    const fromDashboard = await enabledApplication('Deleted in the dashboard');
    expect((await deletedInDashboard(fromDashboard)).status).toBe(303);
    expect(await left(fromDashboard)).toEqual({ exists: false, enabled: false });

    const fromApi = await enabledApplication('Deleted through the API');
    expect((await deletedThroughApi(fromApi)).status).toBe(204);
    expect(await left(fromApi)).toEqual({ exists: false, enabled: false });
  });

  it('keeps the application, still enabled, when taking it out of a connection fails, both ways', async () => {
    const fromDashboard = await enabledApplication('Kept in the dashboard');
    connectionWriteFails();
    expect((await deletedInDashboard(fromDashboard)).status).toBe(500);
    expect(await left(fromDashboard)).toEqual({ exists: true, enabled: true });

    const fromApi = await enabledApplication('Kept by the API');
    connectionWriteFails();
    expect((await deletedThroughApi(fromApi)).status).toBe(500);
    expect(await left(fromApi)).toEqual({ exists: true, enabled: true });
  });
});
