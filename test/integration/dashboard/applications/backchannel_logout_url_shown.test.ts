import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { backchannelErrorOf, backchannelInputOf, backchannelValueOf } from './backchannel_field.js';

/**
 * An application's page shows its back-channel logout URL, the one the Management API sets in
 * oidc_logout.backchannel_logout_urls, in a field that says what fitgate does with it, for each type
 * of application that signs users in. A machine-to-machine application without authorization_code
 * (its default grant types) signs no user in and has no such field.
 */
describe('the Back-Channel Logout URL on an application page', () => {
  const both = useBothWays();
  const pageOf = async (clientId: string) => (await both.agent().get(`/manage/t/${TENANT}/applications/${encodeURIComponent(clientId)}`).expect(200)).text;

  async function createdThroughApi(appType: string, url?: string): Promise<string> {
    const body = { name: `Shown ${appType}`, app_type: appType, ...(url !== undefined && { oidc_logout: { backchannel_logout_urls: [url] } }) };
    const created = await both.api('post', '/clients', body).expect(201);
    return String((created.body as { client_id: string }).client_id);
  }

  it.each(['regular_web', 'spa', 'native'])('shows the URL the Management API set for a %s application, with what fitgate does with it', async (appType) => {
    const url = 'https://app.example/backchannel-logout?from=fitgate&x=1';
    const html = await pageOf(await createdThroughApi(appType, url));

    expect(html).toContain('<label for="backchannel_logout_urls">Back-Channel Logout URL</label>');
    expect(backchannelValueOf(html)).toBe(url);
    expect(backchannelInputOf(html)).toContain('aria-describedby="backchannel_logout_urls-hint"');
    expect(html).toContain('fitgate POSTs a signed logout_token to this URL');
    expect(html).toContain("One URL, as the Management API's oidc_logout.backchannel_logout_urls takes it");
    expect(html).toContain('<code>docs/authentication-api.md#back-channel-logout</code>');
    expect(backchannelErrorOf(html)).toBeUndefined();
  });

  it('shows an empty field for an application without one', async () => {
    expect(backchannelValueOf(await pageOf(await createdThroughApi('regular_web')))).toBe('');
  });

  it("has no such field on a machine-to-machine application's page, even with a URL the API set", async () => {
    const html = await pageOf(await createdThroughApi('non_interactive', 'https://service.example/backchannel-logout'));
    expect(backchannelInputOf(html)).toBeUndefined();
    expect(html).not.toContain('Back-Channel Logout URL');
  });

  it('says next to the field when a URL stored before the rule is one fitgate refuses to call', async () => {
    const stored = 'http://app.localhost/backchannel-logout';
    const { client } = await createClient(both.harness().store.clients, {
      tenant: TENANT,
      name: 'Stored before the rule',
      appType: 'regular_web',
      settings: { oidcLogout: { backchannelLogoutUrls: [stored] } },
    });
    const html = await pageOf(client.clientId);
    expect(backchannelValueOf(html)).toBe(stored);
    expect(backchannelErrorOf(html)).toMatch(/^Saved earlier, and never called at logout until replaced: http:\/\/app\.localhost\/backchannel-logout: must use https \(fitgate calls this URL itself/);
    expect(backchannelInputOf(html)).toContain('aria-invalid="true"');
  });
});
