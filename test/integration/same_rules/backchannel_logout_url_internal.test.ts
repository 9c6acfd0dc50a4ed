import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';
import { asShownInDashboard, backchannelBothWays } from './backchannel_both_ways.js';

/** fitgate as NODE_ENV=production runs it, FITGATE_BACKCHANNEL_ALLOW_INTERNAL left at its default (off). */
const PRODUCTION = {
  NODE_ENV: 'production',
  FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
  FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
  FITGATE_RATE_LIMITS: 'off',
};

/**
 * In production a back-channel logout URL may not lead to fitgate's host or a private network: not
 * plain http on loopback, not https to a loopback, private, link-local, carrier-grade NAT or unique
 * local address (IPv4-mapped IPv6 included), not https to localhost. Refused in the dashboard and
 * the Management API alike, for the same reason, and nothing is stored.
 */
describe('a back-channel logout URL to an internal host, in production, both ways', () => {
  const both = useBothWays({ environment: PRODUCTION });
  const backchannel = backchannelBothWays(both);

  it.each([
    ['plain http on localhost', 'http://localhost:4000/bcl', 'must use https (fitgate calls this URL itself: plain http is allowed only for localhost, 127.0.0.0/8 and [::1], which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)'],
    ['plain http on 127.0.0.1', 'http://127.0.0.1:2375/containers/prune?x=1', 'must use https'],
    ['plain http on [::1]', 'http://[::1]:8500/v1/agent/leave', 'must use https'],
    ['https on localhost', 'https://localhost/bcl', 'localhost is a name of this host'],
    ['https to a private address', 'https://10.0.0.5/admin', '10.0.0.5 is an address of a private network'],
    ['https to the cloud metadata address', 'https://169.254.169.254/latest', '169.254.169.254 is a link-local address'],
    ['https to a carrier-grade NAT address', 'https://100.64.1.2/bcl', '100.64.1.2 is a carrier-grade NAT address'],
    ['https to a unique local IPv6 address', 'https://[fd00::5]/bcl', '[fd00::5] is a unique local IPv6 address'],
    ['https to an IPv4-mapped loopback address', 'https://[::ffff:127.0.0.1]:9464/metrics', '[::ffff:7f00:1] is a loopback address of this host'],
  ])('refuses %s both ways with the same reason, and stores nothing', async (_case, url, why) => {
    const typed = await backchannel.newApplication();
    const sent = await backchannel.newApplication();

    const shown = await backchannel.typedInDashboard(typed, url);
    const answered = await backchannel.sentToApi(sent, [url]);

    const apiReason = /^Payload validation error: '(.*)' on property oidc_logout\.backchannel_logout_urls\.0\.$/.exec(answered ?? '')?.[1];
    expect(apiReason).toContain(why);
    expect(shown).toBe(asShownInDashboard(url, apiReason!));
    expect(await backchannel.storedOidcLogout(typed)).toBeUndefined();
    expect(await backchannel.storedOidcLogout(sent)).toBeUndefined();
  });

  it('accepts https to a public host both ways', async () => {
    const url = 'https://app.example/backchannel-logout';
    const typed = await backchannel.newApplication();
    const sent = await backchannel.newApplication();
    expect(await backchannel.typedInDashboard(typed, url)).toBeUndefined();
    expect(await backchannel.sentToApi(sent, [url])).toBeUndefined();
    expect(await both.harness().store.clients.get(TENANT, sent)).toMatchObject({ oidcLogout: { backchannelLogoutUrls: [url] } });
    expect(await backchannel.storedOidcLogout(typed)).toEqual(await backchannel.storedOidcLogout(sent));
  });
});
