import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { settingsFormAsRendered } from '../../same_rules/settings_form_as_rendered.js';
import { backchannelInputOf, backchannelValueOf } from './backchannel_field.js';

/**
 * A machine-to-machine application's page shows what a login to it uses (Allowed Callback URLs, the
 * other URL lists, the Back-Channel Logout URL) when users sign in to it, which its grant types say,
 * not its type (domain/signs_users_in.ts): one given authorization_code through the Management API
 * has users and sessions, so its page shows and saves them; one without it shows none.
 */
describe("the login settings on a machine-to-machine application's page", () => {
  const both = useBothWays();
  const callback = 'https://robot.example/callback';
  const backchannel = 'https://robot.example/backchannel-logout';

  async function createdThroughApi(grantTypes: string[]): Promise<{ clientId: string; page: string }> {
    const body = { name: 'Robot', app_type: 'non_interactive', grant_types: grantTypes, callbacks: [callback], oidc_logout: { backchannel_logout_urls: [backchannel] } };
    const created = await both.api('post', '/clients', body).expect(201);
    const clientId = String((created.body as { client_id: string }).client_id);
    return { clientId, page: `/manage/t/${TENANT}/applications/${encodeURIComponent(clientId)}` };
  }
  const htmlOf = async (page: string) => (await both.agent().get(page).expect(200)).text;
  const callbacksOf = (html: string) => /<textarea id="callbacks"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1];

  it('shows its callback URLs and Back-Channel Logout URL once it holds authorization_code, its name as one users see', async () => {
    const html = await htmlOf((await createdThroughApi(['client_credentials', 'authorization_code'])).page);
    expect(callbacksOf(html)).toBe(callback);
    expect(html).toContain('<label for="backchannel_logout_urls">Back-Channel Logout URL</label>');
    expect(backchannelValueOf(html)).toBe(backchannel);
    expect(html).toContain('Shown to your users on the login page.');
  });

  it('saves them from its page, as for any application users sign in to', async () => {
    const { clientId, page } = await createdThroughApi(['client_credentials', 'authorization_code']);
    const form = { ...settingsFormAsRendered(await htmlOf(page)), callbacks: 'https://robot.example/new-callback', backchannel_logout_urls: 'https://robot.example/new-bcl' };
    expect((await both.form(page, page, form)).status).toBe(303);
    const answered = (await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200)).body as Record<string, unknown>;
    expect(answered).toMatchObject({ callbacks: ['https://robot.example/new-callback'], oidc_logout: { backchannel_logout_urls: ['https://robot.example/new-bcl'] } });
  });

  it('shows neither without authorization_code, though the Management API set both', async () => {
    const html = await htmlOf((await createdThroughApi(['client_credentials'])).page);
    expect(callbacksOf(html)).toBeUndefined();
    expect(backchannelInputOf(html)).toBeUndefined();
    expect(html).not.toContain('Back-Channel Logout URL');
    expect(html).toContain('For your own records: no user sees it.');
  });
});
