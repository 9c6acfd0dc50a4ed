import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A URL an application registers is refused where it is written, by the dashboard and the Management
 * API alike, when no login could ever send it: browsers and SDKs send the parser's form (scheme and
 * host in lower case, punycode, percent-encoded path) and redirect_uri is compared exactly. Both say
 * why, and what to type instead, and store nothing.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function newApplication(): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'Written form', appType: 'spa' });
  return client.clientId;
}

const stored = async (clientId: string) => both.harness().store.clients.get(TENANT, clientId);

function settingsForm(fields: Record<string, string>) {
  return { name: 'Written form', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '', ...fields };
}

/** Refuses `value` in `field` both ways with a reason holding `reason`; returns nothing stored. */
async function expectRefusedBothWays(field: string, key: 'callbacks' | 'allowedLogoutUrls' | 'webOrigins' | 'allowedOrigins', value: string, reason: string) {
  const clientId = await newApplication();
  const page = `${apps}/${encodeURIComponent(clientId)}`;

  const typed = await both.form(page, page, settingsForm({ [field]: value }));
  expect(typed.status).toBe(400);
  expect(typed.text).toContain(reason);

  const sent = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { [field]: [value] }).expect(400);
  const message = (sent.body as { message: string }).message;
  expect(message).toContain(reason);
  expect(message).toContain(`on property ${field}.0.`);

  expect((await stored(clientId))?.[key] ?? []).toEqual([]);
}

describe('application URLs no login could send, in the dashboard and the Management API', () => {
  it.each([
    ['https:///cb', 'has no host'],
    ['HTTPS://APP.EXAMPLE.COM/cb', 'has upper-case letters in its scheme or host; SDKs send it in lower case: use https://app.example.com/cb'],
    ['https://例え.jp/cb', 'has a non-ASCII host: write it in punycode, https://xn--r8jz45g.jp/cb'],
    ['https://app.example.com/café', 'has characters outside ASCII in its path: percent-encode them: https://app.example.com/caf%C3%A9'],
    ['https://app.example.com/c\u200bb', 'contains a zero-width space (U+200B), an invisible character copied with it (character 26): delete it'],
  ])('refuses the callback %s both ways, saying what to type', async (value, reason) => {
    await expectRefusedBothWays('callbacks', 'callbacks', value, reason);
  });

  it.each([
    ['allowed_logout_urls', 'allowedLogoutUrls', 'https://App.example.com/bye', 'use https://app.example.com/bye'],
    ['web_origins', 'webOrigins', 'https://APP.example.com', 'use https://app.example.com'],
    ['allowed_origins', 'allowedOrigins', 'https://例え.jp', 'write it in punycode, https://xn--r8jz45g.jp'],
  ] as const)('refuses %s %s both ways too', async (field, key, value, reason) => {
    await expectRefusedBothWays(field, key, value, reason);
  });

  it('stores the forms to type instead, both ways', async () => {
    const lists = {
      callbacks: ['https://app.example.com/cb', 'https://xn--r8jz45g.jp/cb', 'https://app.example.com/caf%C3%A9'],
      allowed_logout_urls: ['https://app.example.com/bye'],
      web_origins: ['https://app.example.com'],
      allowed_origins: ['https://xn--r8jz45g.jp'],
    };
    const typed = await newApplication();
    const page = `${apps}/${encodeURIComponent(typed)}`;
    const form = settingsForm(Object.fromEntries(Object.entries(lists).map(([field, urls]) => [field, urls.join('\n')])));
    expect((await both.form(page, page, form)).status).toBe(303);
    const sent = await newApplication();
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, lists).expect(200);

    for (const clientId of [typed, sent]) {
      expect(await stored(clientId)).toMatchObject({
        callbacks: lists.callbacks,
        allowedLogoutUrls: lists.allowed_logout_urls,
        webOrigins: lists.web_origins,
        allowedOrigins: lists.allowed_origins,
      });
    }
  });
});
