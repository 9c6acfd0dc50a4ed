import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';
import { settingsFormAsRendered } from './settings_form_as_rendered.js';
import { createClient } from '../../../src/domain/clients.js';

/**
 * An application's name follows one rule whether it is typed in the dashboard or sent to the
 * Management API (domain/application_name.ts): trimmed, 1 to 128 characters, no < or > (Auth0's
 * documented rule). The same name gets the same verdict, and is stored the same, both ways.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

interface Verdict {
  accepted: boolean;
  stored?: string | undefined;
}

async function storedName(clientId: string): Promise<string | undefined> {
  return (await both.harness().store.clients.get(TENANT, clientId))?.name;
}

async function createdInDashboard(name: string): Promise<Verdict> {
  const answer = await both.form(`${apps}/new`, apps, { name, app_type: 'regular_web' });
  if (answer.status !== 303) return { accepted: false };
  const clientId = decodeURIComponent(/applications\/([^/]+)\/credentials$/.exec(String(answer.headers.location))![1]!);
  return { accepted: true, stored: await storedName(clientId) };
}

async function createdThroughApi(name: string): Promise<Verdict> {
  const answer = await both.api('post', '/clients', { name, app_type: 'regular_web' });
  if (answer.status !== 201) return { accepted: false };
  return { accepted: true, stored: await storedName(String((answer.body as { client_id: string }).client_id)) };
}

describe('the application name rule, in the dashboard and the Management API', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['129 characters', 'n'.repeat(129)],
    ['with <', 'Acme <b>bold</b>'],
    ['with >', 'Tom > Jerry'],
  ])('refuses a name that is %s both ways', async (_case, name) => {
    expect(await createdInDashboard(name)).toEqual({ accepted: false });
    expect(await createdThroughApi(name)).toEqual({ accepted: false });
  });

  it.each([
    ['101 characters', 'a'.repeat(101), 'a'.repeat(101)],
    ['128 characters with spaces around', `  ${'b'.repeat(128)}  `, 'b'.repeat(128)],
    ['padded', '  Padded name ', 'Padded name'],
  ])('accepts a name of %s both ways and stores it the same', async (_case, name, stored) => {
    expect(await createdInDashboard(name)).toEqual({ accepted: true, stored });
    expect(await createdThroughApi(name)).toEqual({ accepted: true, stored });
  });

  it('lets the dashboard save the settings of an application the API named with 128 characters', async () => {
    const name = 'c'.repeat(128);
    const created = await both.api('post', '/clients', { name, app_type: 'spa' }).expect(201);
    const page = `${apps}/${encodeURIComponent(String((created.body as { client_id: string }).client_id))}`;
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    expect((await both.form(page, page, { ...rendered, name })).status).toBe(303);
  });

  it('refuses the same rename both ways', async () => {
    const created = await both.api('post', '/clients', { name: 'Renamed', app_type: 'spa' }).expect(201);
    const clientId = String((created.body as { client_id: string }).client_id);
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    const refusedInDashboard = await both.form(page, page, { ...rendered, name: 'x<y' });
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain('must not contain &lt; or &gt;');
    const refusedByApi = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { name: 'x<y' }).expect(400);
    expect((refusedByApi.body as { message: string }).message).toBe("Payload validation error: 'Must not contain < or >' on property name.");
    expect(await storedName(clientId)).toBe('Renamed');
  });

  it('keeps a line break stored in a name before the rule refused it when the dashboard saves the settings without touching the name', async () => {
    // Both ways refuse it now, but a name stored earlier may hold one; the dashboard's one-line field cannot show it.
    const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'Run\nClub', appType: 'spa' });
    const { clientId } = client;
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    expect(rendered.name).toBe('RunClub');

    expect((await both.form(page, page, { ...rendered, callbacks: 'https://run.example/cb' })).status).toBe(303);
    expect(await both.harness().store.clients.get(TENANT, clientId)).toMatchObject({ name: 'Run\nClub', callbacks: ['https://run.example/cb'] });

    expect((await both.form(page, page, { ...rendered, name: 'Run Club' })).status).toBe(303);
    expect(await storedName(clientId)).toBe('Run Club');
  });
});
