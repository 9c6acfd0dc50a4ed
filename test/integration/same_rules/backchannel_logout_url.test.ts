import { describe, expect, it } from '@jest/globals';
import { useBothWays } from './both_ways.js';
import { backchannelBothWays } from './backchannel_both_ways.js';

/**
 * An application's back-channel logout URL follows one rule whether it is typed in the dashboard or
 * sent to the Management API as oidc_logout.backchannel_logout_urls: one URL at most, https, or plain
 * http on localhost or a literal loopback address only (fitgate calls it itself, so not a *.localhost
 * name), no custom scheme, fragment, wildcard or second address. The same URL gets the same verdict,
 * for the same reason, and is stored the same, both ways. (The test configuration allows internal
 * hosts, as development does; production's default: backchannel_logout_url_internal.test.ts.)
 */
const both = useBothWays();
const { newApplication, typedInDashboard, sentToApi, storedOidcLogout } = backchannelBothWays(both);

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
