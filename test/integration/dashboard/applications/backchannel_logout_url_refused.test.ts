import { describe, expect, it } from '@jest/globals';
import { calledUrlProblem } from '../../../../src/domain/application_urls.js';
import { calledUrlReach } from '../../../../src/domain/called_url_reach.js';
import { csrfTokenOf } from '../dashboard_harness.js';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { backchannelErrorOf, backchannelInputOf, backchannelValueOf, settingsForm } from './backchannel_field.js';

/**
 * A back-channel logout URL fitgate may not call is refused on the settings page: the form comes
 * back (400) with the rule's message next to the field, the field marked invalid and described by
 * that message (where dashboard.js puts the focus), what was typed kept, and nothing saved.
 */
describe('a refused Back-Channel Logout URL in the dashboard', () => {
  const both = useBothWays();
  const apps = `/manage/t/${TENANT}/applications`;
  const before = 'https://app.example/backchannel-logout';

  async function applicationWithUrl(): Promise<string> {
    const created = await both.api('post', '/clients', { name: 'Refused', app_type: 'spa', oidc_logout: { backchannel_logout_urls: [before] } }).expect(201);
    return String((created.body as { client_id: string }).client_id);
  }

  it.each([
    'http://app.example/backchannel-logout',
    'http://app.localhost:4000/backchannel-logout',
    'com.example.app:/backchannel-logout',
    'https://app.example/backchannel-logout#here',
    'https://*.example/backchannel-logout',
    'https://a.example/bcl,https://b.example/bcl',
    'app.example/backchannel-logout',
  ])('refuses %s next to the field, keeps what was typed and saves nothing', async (url) => {
    const clientId = await applicationWithUrl();
    const page = `${apps}/${encodeURIComponent(clientId)}`;

    const refused = await both.form(page, page, settingsForm('Refused, renamed', { backchannel_logout_urls: url }));

    expect(refused.status).toBe(400);
    const reach = calledUrlReach(both.harness().config, both.harness().deps.internalBaseUrl());
    expect(backchannelErrorOf(refused.text)).toBe(`${url}: ${calledUrlProblem(url, reach)!}.`);
    expect(backchannelValueOf(refused.text)).toBe(url);
    expect(backchannelInputOf(refused.text)).toContain('aria-invalid="true" aria-describedby="backchannel_logout_urls-hint backchannel_logout_urls-error"');
    expect(refused.text).toContain('value="Refused, renamed"');
    expect(csrfTokenOf(refused.text)).not.toBe('');
    expect(await both.harness().store.clients.get(TENANT, clientId)).toMatchObject({ name: 'Refused', oidcLogout: { backchannelLogoutUrls: [before] } });
  });

  it("refuses a second URL in the Management API's words when a post repeats the field", async () => {
    const clientId = await applicationWithUrl();
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const twice = ['https://a.example/bcl', 'https://b.example/bcl'];

    const refused = await both.form(page, page, settingsForm('Refused', { backchannel_logout_urls: twice }));

    expect(refused.status).toBe(400);
    expect(backchannelErrorOf(refused.text)).toBe('Only one back-channel logout URL is allowed.');
    expect((await both.harness().store.clients.get(TENANT, clientId))?.oidcLogout).toEqual({ backchannelLogoutUrls: [before] });
  });
});
