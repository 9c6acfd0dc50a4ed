import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from '../../../src/domain/types.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * Which applications a connection is enabled for is changed by one rule from the dashboard's
 * switches and from PATCH /api/v2/connections/{id}/clients (domain/connection_updates.ts:
 * withClientEnabled): enabled goes last in the list, disabled leaves it, and a change that changes
 * nothing writes nothing.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;
const switches = `${settings}/applications`;

async function stored(): Promise<Connection> {
  const found = (await both.harness().store.connections.list(TENANT)).find((candidate) => candidate.strategy === 'fitbit');
  if (!found) throw new Error('no fitbit connection yet');
  return (await both.harness().store.connections.getStored(TENANT, found.id))!;
}

/** A machine-to-machine application, which starts enabled nowhere. */
async function application(name: string): Promise<string> {
  const created = await both.api('post', '/clients', { name, app_type: 'non_interactive' }).expect(201);
  return String((created.body as { client_id: string }).client_id);
}

const switchedInDashboard = async (clientId: string, enabled: boolean) => {
  const answer = await both.form(switches, `${switches}/${encodeURIComponent(clientId)}`, enabled ? { enabled: 'on' } : {});
  expect(answer.status).toBe(303);
};
const switchedThroughApi = async (clientId: string, enabled: boolean) => {
  const { id } = await stored();
  await both.api('patch', `/connections/${encodeURIComponent(id)}/clients`, [{ client_id: clientId, status: enabled }]).expect(204);
};

describe('enabled clients, in the dashboard and the Management API', () => {
  let first: string;
  let second: string;
  beforeAll(async () => {
    const typed = await both.form(settings, settings, { api: 'google-health', client_id: 'switch.apps.googleusercontent.com', client_secret: 'switch-secret', scope: ['activity'] });
    expect(typed.status).toBe(303);
    first = await application('First machine');
    second = await application('Second machine');
  });

  it.each([
    ['the dashboard', switchedInDashboard],
    ['the Management API', switchedThroughApi],
  ])('through %s, enables an application last in the list and disables it again', async (_surface, switched) => {
    const before = (await stored()).enabledClients;
    await switched(first, true);
    await switched(second, true);
    expect((await stored()).enabledClients).toEqual([...before, first, second]);

    await switched(first, false);
    await switched(first, true);
    expect((await stored()).enabledClients).toEqual([...before, second, first]);

    await switched(first, false);
    await switched(second, false);
    expect((await stored()).enabledClients).toEqual(before);
  });

  it.each([
    ['the dashboard', switchedInDashboard],
    ['the Management API', switchedThroughApi],
  ])('through %s, writes nothing when the application already is as asked', async (_surface, switched) => {
    await switched(first, true);
    const enabled = await stored();
    await switched(first, true);
    expect(await stored()).toEqual(enabled);

    await switched(first, false);
    const disabled = await stored();
    await switched(first, false);
    expect(await stored()).toEqual(disabled);
  });
});
