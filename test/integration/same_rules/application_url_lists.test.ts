import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';
import { settingsFormAsRendered } from './settings_form_as_rendered.js';

/**
 * An application's URL lists (callbacks, logout URLs, web origins, allowed origins) are stored and
 * counted the same whether they are typed in the dashboard or sent to the Management API: each URL
 * once, in the order first given, and at most 100 URLs per list once repeats are dropped. A comma is
 * part of a URL both ways: the dashboard separates URLs by line breaks only.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function newApplication(): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'URL lists', appType: 'spa' });
  return client.clientId;
}

const stored = async (clientId: string) => both.harness().store.clients.get(TENANT, clientId);
const urls = (count: number) => Array.from({ length: count }, (_, index) => `https://app${index}.example/cb`);
const origins = (count: number) => Array.from({ length: count }, (_, index) => `https://app${index}.example`);

/** The dashboard's settings form with `fields` typed over an empty one. */
function settingsForm(fields: Record<string, string>) {
  return { name: 'URL lists', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '', ...fields };
}

describe('application URL lists, in the dashboard and the Management API', () => {
  it('stores a list given with repeats the same both ways: each URL once, in the order first given', async () => {
    const given = ['https://b.example/cb', 'https://a.example/cb', 'https://b.example/cb'];
    const givenOrigins = ['https://b.example', 'https://a.example', 'https://b.example'];

    const typed = await newApplication();
    const page = `${apps}/${encodeURIComponent(typed)}`;
    const form = settingsForm({ callbacks: given.join('\n'), allowed_logout_urls: given.join('\n'), web_origins: givenOrigins.join('\n'), allowed_origins: givenOrigins.join('\n') });
    expect((await both.form(page, page, form)).status).toBe(303);

    const sent = await newApplication();
    const body = { callbacks: given, allowed_logout_urls: given, web_origins: givenOrigins, allowed_origins: givenOrigins };
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, body).expect(200);

    for (const clientId of [typed, sent]) {
      expect(await stored(clientId)).toMatchObject({
        callbacks: ['https://b.example/cb', 'https://a.example/cb'],
        allowedLogoutUrls: ['https://b.example/cb', 'https://a.example/cb'],
        webOrigins: ['https://b.example', 'https://a.example'],
        allowedOrigins: ['https://b.example', 'https://a.example'],
      });
    }
  });

  it.each([
    ['callbacks', 'callbacks', urls],
    ['allowed_logout_urls', 'allowedLogoutUrls', urls],
    ['web_origins', 'webOrigins', origins],
    ['allowed_origins', 'allowedOrigins', origins],
  ] as const)('refuses %s of 101 different URLs both ways, and takes 100 with a repeat', async (field, key, make) => {
    const clientId = await newApplication();
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const path = `/clients/${encodeURIComponent(clientId)}`;

    const refusedInDashboard = await both.form(page, page, settingsForm({ [field]: make(101).join('\n') }));
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain('List at most 100 URLs');
    const refusedByApi = await both.api('patch', path, { [field]: make(101) }).expect(400);
    expect((refusedByApi.body as { message: string }).message).toBe(`Payload validation error: 'Must list at most 100 URLs' on property ${field}.`);
    expect((await stored(clientId))?.[key] ?? []).toEqual([]);

    const hundred = [...make(100), make(1)[0]!];
    expect((await both.form(page, page, settingsForm({ [field]: hundred.join('\n') }))).status).toBe(303);
    expect((await stored(clientId))?.[key]).toEqual(make(100));
    await both.api('patch', path, { [field]: [] }).expect(200);
    await both.api('patch', path, { [field]: hundred }).expect(200);
    expect((await stored(clientId))?.[key]).toEqual(make(100));
  });

  const commaCallbacks = ['https://app.example/cb?ids=1,2', 'https://app.example/cb?next=x,https%3A%2F%2Fother.example%2Fcb'];
  const commaLogout = ['https://app.example/bye?from=a,b&to=c'];

  /** Loads the settings page, then posts its form back as a browser would, with `changes` typed over it. */
  async function saveAsRendered(clientId: string, changes: Record<string, string> = {}) {
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const rendered = await both.agent().get(page).expect(200);
    return both.form(page, page, { ...settingsFormAsRendered(rendered.text), ...changes });
  }

  it('lets the dashboard rename an application whose URLs the API stored with commas, keeping each URL whole', async () => {
    const created = await both.api('post', '/clients', { name: 'Comma app', app_type: 'regular_web', callbacks: commaCallbacks, allowed_logout_urls: commaLogout });
    expect(created.status).toBe(201);
    const clientId = String((created.body as { client_id: string }).client_id);

    expect((await saveAsRendered(clientId, { name: 'Comma app renamed' })).status).toBe(303);

    expect(await stored(clientId)).toMatchObject({ name: 'Comma app renamed', callbacks: commaCallbacks, allowedLogoutUrls: commaLogout });
  });

  it('saves URLs with commas typed in the dashboard whole, one per line, and saves them again unchanged as the page shows them', async () => {
    const clientId = await newApplication();
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const typed = settingsForm({ callbacks: commaCallbacks.join('\r\n'), allowed_logout_urls: commaLogout.join('\r\n') });
    expect((await both.form(page, page, typed)).status).toBe(303);
    expect(await stored(clientId)).toMatchObject({ callbacks: commaCallbacks, allowedLogoutUrls: commaLogout });

    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    expect(rendered.callbacks).toBe(commaCallbacks.join('\r\n'));
    expect((await saveAsRendered(clientId)).status).toBe(303);
    expect(await stored(clientId)).toMatchObject({ callbacks: commaCallbacks, allowedLogoutUrls: commaLogout });
    const answered = await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200);
    expect(answered.body).toMatchObject({ callbacks: commaCallbacks, allowed_logout_urls: commaLogout });
  });

  it.each([
    ['web_origins', 'webOrigins'],
    ['allowed_origins', 'allowedOrigins'],
    ['callbacks', 'callbacks'],
    ['allowed_logout_urls', 'allowedLogoutUrls'],
  ] as const)('refuses %s typed comma-separated, as the API refuses the same text, and stores nothing', async (field, key) => {
    const clientId = await newApplication();
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const text = 'https://a.example,https://b.example';

    const refusedInDashboard = await both.form(page, page, settingsForm({ [field]: text }));
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain('Put each URL on a line of its own.');
    await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { [field]: [text] }).expect(400);
    expect((await stored(clientId))?.[key] ?? []).toEqual([]);
  });
});
