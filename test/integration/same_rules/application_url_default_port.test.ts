import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A callback written with a default port or a "." or ".." path segment could never match a login:
 * the browser sends it without them, and redirect_uri is compared exactly. The dashboard and the
 * Management API both refuse it with the same reason, giving the URL as the browser writes it, and
 * store nothing; an application stored with one before still loads and shows it.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function newApplication(callbacks: string[] = []): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'Exact', appType: 'regular_web', callbacks });
  return client.clientId;
}

const stored = async (clientId: string) => both.harness().store.clients.get(TENANT, clientId);

/** The error the page shows next to `field`, entities decoded. */
function fieldErrorOf(html: string, field: string): string | undefined {
  const text = new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1];
  return text?.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}

describe('callbacks with a default port or dot segments, in the dashboard and the Management API', () => {
  it.each([
    ['https://a.example.com:443/cb', 'has the default port of https (443), which browsers and SDKs leave out: use https://a.example.com/cb'],
    ['https://a.example.com/a/../cb', 'has "." or ".." segments in its path, which browsers and SDKs resolve: use https://a.example.com/cb'],
    ['https://a.example.com/./cb', 'has "." or ".." segments in its path, which browsers and SDKs resolve: use https://a.example.com/cb'],
  ])('refuses %s both ways, saying what to type', async (url, problem) => {
    const clientId = await newApplication();
    const page = `${apps}/${encodeURIComponent(clientId)}`;

    const typed = await both.form(page, page, { name: 'Exact', callbacks: url, allowed_logout_urls: '', web_origins: '', allowed_origins: '' });
    expect(typed.status).toBe(400);
    expect(fieldErrorOf(typed.text, 'callbacks')).toBe(`${url}: ${problem}.`);
    const sent = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { callbacks: [url] }).expect(400);
    expect((sent.body as { message: string }).message).toBe(`Payload validation error: '${url} ${problem}' on property callbacks.0.`);

    expect((await stored(clientId))?.callbacks).toEqual([]);
  });

  it('still loads an application stored with one, and the API still renames it', async () => {
    const clientId = await newApplication(['https://a.example.com:443/cb']);
    const page = await both.agent().get(`${apps}/${encodeURIComponent(clientId)}`).expect(200);
    expect(page.text).toContain('https://a.example.com:443/cb');
    await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { name: 'Exact, renamed' }).expect(200);
    expect(await stored(clientId)).toMatchObject({ name: 'Exact, renamed', callbacks: ['https://a.example.com:443/cb'] });
  });
});
