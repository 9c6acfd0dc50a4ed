import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';
import { backchannelErrorOf, settingsForm } from '../dashboard/applications/backchannel_field.js';

/**
 * An application's back-channel logout URL follows one rule whether it is typed in the dashboard or
 * sent to the Management API as oidc_logout.backchannel_logout_urls: one URL at most, https, or plain
 * http on localhost or a literal loopback address only (fitgate calls it itself, so not a *.localhost
 * name), no custom scheme, fragment, wildcard or second address. The same URL gets the same verdict,
 * for the same reason, and is stored the same, both ways.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function newApplication(): Promise<string> {
  const created = await both.api('post', '/clients', { name: 'Back-channel', app_type: 'regular_web' }).expect(201);
  return String((created.body as { client_id: string }).client_id);
}

const storedOidcLogout = async (clientId: string) => (await both.harness().store.clients.get(TENANT, clientId))?.oidcLogout;

/** Types `value` in the dashboard; the refusal's message, or undefined when it saved. */
async function typedInDashboard(clientId: string, value: string | string[]): Promise<string | undefined> {
  const page = `${apps}/${encodeURIComponent(clientId)}`;
  const answer = await both.form(page, page, settingsForm('Back-channel', { backchannel_logout_urls: value }));
  if (answer.status === 303) return undefined;
  expect(answer.status).toBe(400);
  return backchannelErrorOf(answer.text);
}

/** Sends `urls` to the Management API; the refusal's message, or undefined when it saved. */
async function sentToApi(clientId: string, urls: string[]): Promise<string | undefined> {
  const answer = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { oidc_logout: { backchannel_logout_urls: urls } });
  if (answer.status === 200) return undefined;
  expect(answer.status).toBe(400);
  return (answer.body as { message: string }).message;
}

describe('the back-channel logout URL rule, in the dashboard and the Management API', () => {
  it.each([
    ['plain http off loopback', 'http://app.example/bcl'],
    ['plain http on a *.localhost name', 'http://app.localhost:4000/bcl'],
    ['a custom scheme', 'com.example.app:/bcl'],
    ['a fragment', 'https://app.example/bcl#top'],
    ['a wildcard', 'https://*.example/bcl'],
    ['two addresses joined by a comma', 'https://a.example/bcl,https://b.example/bcl'],
    ['no scheme', 'app.example/bcl'],
    ['the javascript: scheme', 'javascript:alert(1)'],
  ])('refuses %s both ways with the same reason, and stores nothing', async (_case, url) => {
    const typed = await newApplication();
    const sent = await newApplication();

    const shown = await typedInDashboard(typed, url);
    const answered = await sentToApi(sent, [url]);

    // The API says "Payload validation error: '<url> <problem>' on property ...", the form "<url>: <problem>.".
    const apiReason = /^Payload validation error: '(.*)' on property oidc_logout\.backchannel_logout_urls\.0\.$/.exec(answered ?? '')?.[1];
    expect(apiReason).toMatch(new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    expect(shown).toBe(`${url}: ${apiReason!.slice(url.length + 1)}.`);
    expect(await storedOidcLogout(typed)).toBeUndefined();
    expect(await storedOidcLogout(sent)).toBeUndefined();
  });

  it('refuses two URLs both ways, in the same words', async () => {
    const urls = ['https://a.example/bcl', 'https://b.example/bcl'];
    const typed = await newApplication();
    const sent = await newApplication();
    expect(await typedInDashboard(typed, urls)).toBe('Only one back-channel logout URL is allowed.');
    expect(await sentToApi(sent, urls)).toBe("Payload validation error: 'Only one back-channel logout URL is allowed' on property oidc_logout.backchannel_logout_urls.");
  });

  it.each([
    'https://app.example/backchannel-logout',
    'https://app.example/bcl?ids=1,2',
    'http://localhost:4000/bcl',
    'http://127.0.0.1:4000/bcl',
    'http://[::1]:4000/bcl',
  ])('accepts %s both ways and stores it the same', async (url) => {
    const typed = await newApplication();
    const sent = await newApplication();
    expect(await typedInDashboard(typed, url)).toBeUndefined();
    expect(await sentToApi(sent, [url])).toBeUndefined();
    expect(await storedOidcLogout(typed)).toEqual({ backchannelLogoutUrls: [url] });
    expect(await storedOidcLogout(sent)).toEqual(await storedOidcLogout(typed));
  });
});
