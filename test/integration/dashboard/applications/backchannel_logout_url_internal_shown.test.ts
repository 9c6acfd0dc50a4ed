import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { backchannelErrorOf, backchannelInputOf, backchannelValueOf } from './backchannel_field.js';

/**
 * In production (FITGATE_BACKCHANNEL_ALLOW_INTERNAL off) an application whose stored back-channel
 * logout URL leads to fitgate's host or a private network (saved while the setting was on, or before
 * the rule) shows it with the reason next to the field, as for any stored URL fitgate refuses to call.
 */
describe('a stored Back-Channel Logout URL to an internal host, in production', () => {
  const both = useBothWays({
    environment: {
      NODE_ENV: 'production',
      FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
      FITGATE_RATE_LIMITS: 'off',
    },
  });

  it.each([
    ['http://localhost:4000/bcl', 'must use https (fitgate calls this URL itself: plain http is allowed only for localhost, 127.0.0.0/8 and [::1], which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)'],
    ['https://10.0.0.5/bcl', 'must point at a public host (fitgate calls this URL itself: 10.0.0.5 is an address of a private network, which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)'],
  ])('shows %s next to the field as never called at logout until replaced', async (stored, problem) => {
    const { client } = await createClient(both.harness().store.clients, {
      tenant: TENANT,
      name: 'Saved while allowed',
      appType: 'regular_web',
      settings: { oidcLogout: { backchannelLogoutUrls: [stored] } },
    });
    const html = (await both.agent().get(`/manage/t/${TENANT}/applications/${encodeURIComponent(client.clientId)}`).expect(200)).text;
    expect(backchannelValueOf(html)).toBe(stored);
    expect(backchannelErrorOf(html)).toBe(`Saved earlier, and never called at logout until replaced: ${stored}: ${problem}.`);
    expect(backchannelInputOf(html)).toContain('aria-invalid="true"');
  });
});
