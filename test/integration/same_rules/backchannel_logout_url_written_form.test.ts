import { describe, expect, it } from '@jest/globals';
import { useBothWays } from './both_ways.js';
import { asShownInDashboard, backchannelBothWays } from './backchannel_both_ways.js';

/**
 * The back-channel logout URL is written in the form the other application URLs are, by the
 * dashboard and the Management API alike: no upper case, no non-ASCII host, no invisible character,
 * a "//" after the scheme, the host as the parser reads it. Both refuse with the same reason, which
 * says what to type instead, and store nothing.
 */
const both = useBothWays();
const { newApplication, typedInDashboard, sentToApi, storedOidcLogout } = backchannelBothWays(both);

describe('the written form of the back-channel logout URL, in the dashboard and the Management API', () => {
  it.each([
    ['HTTPS://A.EXAMPLE.COM/bcl', 'has upper-case letters in its scheme or host; SDKs send it in lower case: use https://a.example.com/bcl'],
    ['https://ünicode.example/bcl', 'has a non-ASCII host: write it in punycode, https://xn--nicode-2ya.example/bcl'],
    ['https://a.example.com/bcl\u200b', 'contains a zero-width space (U+200B), an invisible character copied with it (character 26): delete it'],
    ['https:a.example.com/bcl', 'has no "//" after "https:": use https://a.example.com/bcl'],
    ['https://0x7f.1/bcl', 'has a host the browser reads as 127.0.0.1: use https://127.0.0.1/bcl'],
    ['https://a.example.com:443/bcl', 'has the default port of https (443), which browsers and SDKs leave out: use https://a.example.com/bcl'],
  ])('refuses %s both ways with the same reason, and stores nothing', async (url, problem) => {
    const typed = await newApplication();
    const sent = await newApplication();
    const reason = `${url} ${problem}`;

    expect(await typedInDashboard(typed, url)).toBe(asShownInDashboard(url, reason));
    expect(await sentToApi(sent, [url])).toBe(`Payload validation error: '${reason}' on property oidc_logout.backchannel_logout_urls.0.`);
    expect(await storedOidcLogout(typed)).toBeUndefined();
    expect(await storedOidcLogout(sent)).toBeUndefined();
  });
});
