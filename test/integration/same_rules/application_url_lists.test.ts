import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * An application's URL lists (callbacks, logout URLs, web origins, allowed origins) are stored and
 * counted the same whether they are typed in the dashboard or sent to the Management API: each URL
 * once, in the order first given, and at most 100 URLs per list once repeats are dropped.
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
  return { name: 'URL lists', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '', implicit: 'on', ...fields };
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
});
