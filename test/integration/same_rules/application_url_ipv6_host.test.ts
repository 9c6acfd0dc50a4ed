import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';
import { backchannelBothWays } from './backchannel_both_ways.js';

/**
 * A bracketed IPv6 host with no port (`http://[::1]/cb`, the loopback literal RFC 8252 §7.3 asks
 * native apps to use) is a host like any other: the dashboard and the Management API both accept it
 * in every URL field, and both still refuse a bad port after it, in the same words.
 */
const both = useBothWays();
const { newApplication: newWebApplication, typedInDashboard, sentToApi, storedOidcLogout } = backchannelBothWays(both);
const apps = `/manage/t/${TENANT}/applications`;

async function newApplication(): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'IPv6', appType: 'native' });
  return client.clientId;
}

const stored = async (clientId: string) => both.harness().store.clients.get(TENANT, clientId);

/** The error the page shows next to `field`, entities decoded. */
function fieldErrorOf(html: string, field: string): string | undefined {
  const text = new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1];
  return text?.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}

function settingsForm(fields: Record<string, string>) {
  return { name: 'IPv6', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '', ...fields };
}

describe('application URLs on a bracketed IPv6 host, in the dashboard and the Management API', () => {
  const lists = {
    callbacks: ['http://[::1]/cb', 'https://[2001:db8::1]/cb', 'http://[::1]:8080/cb'],
    allowed_logout_urls: ['http://[::1]/bye'],
    web_origins: ['http://[::1]'],
    allowed_origins: ['https://[2001:db8::1]'],
  };

  it('stores them the same both ways', async () => {
    const typed = await newApplication();
    const page = `${apps}/${encodeURIComponent(typed)}`;
    const form = settingsForm(Object.fromEntries(Object.entries(lists).map(([field, urls]) => [field, urls.join('\n')])));
    expect((await both.form(page, page, form)).status).toBe(303);
    const sent = await newApplication();
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, lists).expect(200);

    for (const clientId of [typed, sent]) {
      expect(await stored(clientId)).toMatchObject({ callbacks: lists.callbacks, allowedLogoutUrls: lists.allowed_logout_urls, webOrigins: lists.web_origins, allowedOrigins: lists.allowed_origins });
    }
  });

  it('refuses a bad port after one both ways, naming that port', async () => {
    const reason = 'has an invalid port "99999" (a port is a number from 1 to 65535)';
    const clientId = await newApplication();
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const typed = await both.form(page, page, settingsForm({ callbacks: 'http://[::1]:99999/cb' }));
    expect(typed.status).toBe(400);
    expect(fieldErrorOf(typed.text, 'callbacks')).toBe(`http://[::1]:99999/cb: ${reason}.`);
    const sent = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { callbacks: ['http://[::1]:99999/cb'] }).expect(400);
    expect((sent.body as { message: string }).message).toBe(`Payload validation error: 'http://[::1]:99999/cb ${reason}' on property callbacks.0.`);
    expect((await stored(clientId))?.callbacks).toEqual([]);
  });

  it('takes one as the back-channel logout URL both ways', async () => {
    const typed = await newWebApplication();
    const sent = await newWebApplication();
    expect(await typedInDashboard(typed, 'http://[::1]/bcl')).toBeUndefined();
    expect(await sentToApi(sent, ['http://[::1]/bcl'])).toBeUndefined();
    expect(await storedOidcLogout(typed)).toEqual({ backchannelLogoutUrls: ['http://[::1]/bcl'] });
    expect(await storedOidcLogout(sent)).toEqual(await storedOidcLogout(typed));
  });
});
