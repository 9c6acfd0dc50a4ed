import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * The tenant-level Allowed Logout URLs follow one rule whether they are typed on the dashboard's
 * tenant settings page or sent to PATCH /api/v2/tenants/settings as allowed_logout_urls: an
 * application's rule for its logout URLs, as a regular web application's (no custom scheme). The
 * same URL gets the same verdict, for the same reason, and the same list is stored (each URL once, at
 * most 100), both ways.
 */
const both = useBothWays();
const page = `/manage/t/${TENANT}/settings`;
const before = ['https://portal.example/before'];

const storedUrls = async () => (await both.harness().store.tenants.getStored(TENANT))?.allowedLogoutUrls;
const reset = async () => both.api('patch', '/tenants/settings', { allowed_logout_urls: before }).expect(200);

/** Types `urls` one per line on the settings page; the refusal's message, or undefined when it saved. */
async function typedInDashboard(urls: readonly string[]): Promise<string | undefined> {
  const answer = await both.form(page, page, { inactivity_timeout: '4320', require_log_in_after: '10080', allowed_logout_urls: urls.join('\r\n') });
  if (answer.status === 303) return undefined;
  expect(answer.status).toBe(400);
  const text = /<p class="field-error" id="allowed_logout_urls-error">([^<]*)<\/p>/.exec(answer.text)?.[1];
  return text?.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}

/** Sends `urls` to the Management API; the refusal's message, or undefined when it saved. */
async function sentToApi(urls: readonly string[]): Promise<string | undefined> {
  const answer = await both.api('patch', '/tenants/settings', { allowed_logout_urls: urls });
  if (answer.status === 200) return undefined;
  expect(answer.status).toBe(400);
  return (answer.body as { message: string }).message;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the tenant-level Allowed Logout URL rule, in the dashboard and the Management API', () => {
  it.each([
    ['plain http off loopback', 'http://portal.example/bye'],
    ['a custom scheme', 'com.example.app:/bye'],
    ['a fragment', 'https://portal.example/bye#top'],
    ['a wildcard', 'https://*.example/bye'],
    ['two addresses joined by a comma', 'https://a.example/bye,https://b.example/bye'],
    ['upper case in the host', 'https://Portal.example/bye'],
    ['no scheme', 'portal.example/bye'],
    ['the javascript: scheme', 'javascript:alert(1)'],
  ])('refuses %s both ways with the same reason, and stores nothing', async (_case, url) => {
    const urls = ['https://portal.example/fine', url];
    await reset();

    const shown = await typedInDashboard(urls);
    expect(await storedUrls()).toEqual(before);
    const answered = await sentToApi(urls);
    expect(await storedUrls()).toEqual(before);

    // The API says "Payload validation error: '<url> <problem>' on property allowed_logout_urls.1.", the form "<url>: <problem>.".
    const apiReason = new RegExp(`^Payload validation error: '${escaped(url)} (.*)' on property allowed_logout_urls\\.1\\.$`).exec(answered ?? '')?.[1];
    expect(apiReason).toBeDefined();
    expect(shown).toMatch(new RegExp(`^${escaped(`${url}: ${apiReason!}.`)}`));
  });

  it('refuses 101 different URLs both ways, and takes 100 with a repeat the same', async () => {
    const urls = (count: number) => Array.from({ length: count }, (_, index) => `https://portal${index}.example/bye`);
    await reset();

    expect(await typedInDashboard(urls(101))).toContain('List at most 100 URLs');
    expect(await sentToApi(urls(101))).toBe("Payload validation error: 'Must list at most 100 URLs' on property allowed_logout_urls.");
    expect(await storedUrls()).toEqual(before);

    const hundredAndARepeat = [...urls(100), urls(1)[0]!];
    expect(await typedInDashboard(hundredAndARepeat)).toBeUndefined();
    const typed = await storedUrls();
    await reset();
    expect(await sentToApi(hundredAndARepeat)).toBeUndefined();
    expect(await storedUrls()).toEqual(typed);
    expect(typed).toEqual(urls(100));
  });

  it.each([
    'https://portal.example/bye',
    'https://portal.example/bye?from=a,b',
    'http://localhost:3000/',
    'http://app.localhost:4000/bye',
    'http://127.0.0.1:8080/bye',
    'http://[::1]:8080/bye',
    'http://[::1]/bye',
  ])('accepts %s both ways and stores it the same', async (url) => {
    await reset();
    expect(await typedInDashboard([url])).toBeUndefined();
    const typed = await storedUrls();
    await reset();
    expect(await sentToApi([url])).toBeUndefined();
    expect(await storedUrls()).toEqual(typed);
    expect(typed).toEqual([url]);
  });
});
