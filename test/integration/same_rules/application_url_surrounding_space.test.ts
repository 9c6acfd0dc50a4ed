import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';
import { backchannelBothWays } from './backchannel_both_ways.js';

/**
 * The white space around a URL (a paste brings it along) is dropped the same way by the dashboard
 * and the Management API, in every URL field: the same text is stored both ways. An entry that is
 * empty once trimmed is refused by the API as empty; in the dashboard a blank line is no entry.
 */
const both = useBothWays();
const { newApplication: newWebApplication, typedInDashboard, sentToApi, storedOidcLogout } = backchannelBothWays(both);
const apps = `/manage/t/${TENANT}/applications`;

async function newApplication(): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'Padded', appType: 'spa' });
  return client.clientId;
}

const stored = async (clientId: string) => both.harness().store.clients.get(TENANT, clientId);

describe('white space around application URLs, in the dashboard and the Management API', () => {
  it('is dropped both ways from each list entry, the same text stored', async () => {
    const padded = {
      callbacks: [' https://app.example.com/cb ', '\u00a0https://app.example.com/other\t'],
      allowed_logout_urls: [' https://app.example.com/bye'],
      web_origins: ['https://app.example.com\u3000'],
      allowed_origins: [' https://tools.example.com '],
    };
    const typed = await newApplication();
    const page = `${apps}/${encodeURIComponent(typed)}`;
    const form = { name: 'Padded', ...Object.fromEntries(Object.entries(padded).map(([field, urls]) => [field, urls.join('\r\n')])) };
    expect((await both.form(page, page, form)).status).toBe(303);
    const sent = await newApplication();
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, padded).expect(200);

    for (const clientId of [typed, sent]) {
      expect(await stored(clientId)).toMatchObject({
        callbacks: ['https://app.example.com/cb', 'https://app.example.com/other'],
        allowedLogoutUrls: ['https://app.example.com/bye'],
        webOrigins: ['https://app.example.com'],
        allowedOrigins: ['https://tools.example.com'],
      });
    }
  });

  it('is dropped both ways from the back-channel logout URL', async () => {
    const typed = await newWebApplication();
    const sent = await newWebApplication();
    expect(await typedInDashboard(typed, ' https://app.example.com/bcl ')).toBeUndefined();
    expect(await sentToApi(sent, [' https://app.example.com/bcl '])).toBeUndefined();
    expect(await storedOidcLogout(typed)).toEqual({ backchannelLogoutUrls: ['https://app.example.com/bcl'] });
    expect(await storedOidcLogout(sent)).toEqual(await storedOidcLogout(typed));
  });

  it("is dropped both ways from the tenant's logout URLs", async () => {
    const page = `/manage/t/${TENANT}/settings`;
    const typed = await both.form(page, page, { inactivity_timeout: '4320', require_log_in_after: '10080', allowed_logout_urls: ' https://portal.example.com/bye ' });
    expect(typed.status).toBe(303);
    expect((await both.harness().store.tenants.getStored(TENANT))?.allowedLogoutUrls).toEqual(['https://portal.example.com/bye']);
    await both.api('patch', '/tenants/settings', { allowed_logout_urls: [] }).expect(200);
    await both.api('patch', '/tenants/settings', { allowed_logout_urls: [' https://portal.example.com/bye '] }).expect(200);
    expect((await both.harness().store.tenants.getStored(TENANT))?.allowedLogoutUrls).toEqual(['https://portal.example.com/bye']);
  });

  it.each([
    ['callbacks', ['https://app.example.com/cb', '']],
    ['web_origins', ['https://app.example.com', '   ']],
  ])('leaves an API entry of %s that is empty once trimmed refused as empty, naming it', async (field, urls) => {
    const clientId = await newApplication();
    const refused = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { [field]: urls }).expect(400);
    expect((refused.body as { message: string }).message).toBe(`Payload validation error: 'The URL is empty' on property ${field}.1.`);
  });

  it('refuses an empty back-channel logout URL in the API in the same words', async () => {
    const clientId = await newWebApplication();
    expect(await sentToApi(clientId, [' '])).toBe("Payload validation error: 'The URL is empty' on property oidc_logout.backchannel_logout_urls.0.");
    expect(await storedOidcLogout(clientId)).toBeUndefined();
  });
});
