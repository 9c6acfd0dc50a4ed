import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { useBothWays } from './both_ways.js';
import { asShownInDashboard, backchannelBothWays } from './backchannel_both_ways.js';

const METRICS_PORT = 9464;

/** fitgate as NODE_ENV=production runs it, with the operator's FITGATE_BACKCHANNEL_ALLOW_INTERNAL=on. */
const PRODUCTION_ALLOWING_INTERNAL = {
  NODE_ENV: 'production',
  FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
  FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
  FITGATE_RATE_LIMITS: 'off',
  FITGATE_METRICS_PORT: String(METRICS_PORT),
  FITGATE_BACKCHANNEL_ALLOW_INTERNAL: 'on',
};

/**
 * With FITGATE_BACKCHANNEL_ALLOW_INTERNAL=on a production fitgate takes back-channel logout URLs on
 * its host and private networks, as development does, both ways; fitgate's own ports on its host stay
 * refused (the port it listens on, and FITGATE_METRICS_PORT), in the same words both ways.
 */
describe('a back-channel logout URL to an internal host, in production with the operator allowing it, both ways', () => {
  const both = useBothWays({ environment: PRODUCTION_ALLOWING_INTERNAL });
  const backchannel = backchannelBothWays(both);

  it.each(['http://localhost:4000/bcl', 'http://127.0.0.1:4000/bcl', 'http://[::1]:4000/bcl', 'https://10.0.0.5/bcl', 'https://[fd00::5]/bcl'])(
    'accepts %s both ways and stores it the same',
    async (url) => {
      const typed = await backchannel.newApplication();
      const sent = await backchannel.newApplication();
      expect(await backchannel.typedInDashboard(typed, url)).toBeUndefined();
      expect(await backchannel.sentToApi(sent, [url])).toBeUndefined();
      expect(await backchannel.storedOidcLogout(typed)).toEqual({ backchannelLogoutUrls: [url] });
      expect(await backchannel.storedOidcLogout(sent)).toEqual({ backchannelLogoutUrls: [url] });
    },
  );

  it("refuses fitgate's own listener and its metrics listener on this host both ways, in the same words", async () => {
    const ownPort = new URL(both.harness().deps.internalBaseUrl()).port;
    const cases: [string, string][] = [
      [`http://127.0.0.1:${ownPort}/api/v2/clients`, `port ${ownPort} on 127.0.0.1 is its own listener`],
      [`http://localhost:${METRICS_PORT}/metrics`, `port ${METRICS_PORT} on localhost is its metrics listener`],
    ];
    for (const [url, why] of cases) {
      const typed = await backchannel.newApplication();
      const sent = await backchannel.newApplication();
      const answered = await backchannel.sentToApi(sent, [url]);
      expect(answered).toBe(`Payload validation error: '${url} must not point at fitgate itself (fitgate calls this URL itself: ${why})' on property oidc_logout.backchannel_logout_urls.0.`);
      const apiReason = /^Payload validation error: '(.*)' on property/.exec(answered!)![1]!;
      expect(await backchannel.typedInDashboard(typed, url)).toBe(asShownInDashboard(url, apiReason));
      expect(await backchannel.storedOidcLogout(typed)).toBeUndefined();
      expect(await backchannel.storedOidcLogout(sent)).toBeUndefined();
    }
  });
});
