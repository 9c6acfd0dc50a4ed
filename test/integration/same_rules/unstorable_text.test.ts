import { beforeAll, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { csrfFrom } from '../dashboard/dashboard_harness.js';
import { TENANT, useBothWays } from './both_ways.js';
import { settingsFormAsRendered } from './settings_form_as_rendered.js';

/**
 * A NUL (U+0000) or an unpaired surrogate ("\ud800" in JSON) is no text every store and reader gets
 * back as written (domain/storable_text.ts). Wherever the Management API stores a string (a user's
 * names, picture and metadata, values and keys at any depth; an application's description, metadata
 * and URLs; a connection's metadata) it is Auth0's 400 naming the property and the character, and
 * nothing is stored. The dashboard's forms refuse a NUL (%00) beside the field it was typed in, in
 * the words the API uses for the same field; a form cannot carry an unpaired surrogate at all (its
 * UTF-8 is refused). Strings stored before the rule stay, and stand in the way of no other change.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;
const connectionPage = `/manage/t/${TENANT}/social/fitbit`;
const tenantPage = `/manage/t/${TENANT}/settings`;

const NUL = 'a NUL (U+0000), an invisible character copied with it';
const UNPAIRED = 'an unpaired surrogate (U+D800), half of a UTF-16 pair whose other half is missing';

const refusal = (message: string) => ({ statusCode: 400, error: 'Bad Request', message: `Payload validation error: ${message}`, errorCode: 'invalid_body' });

let clientId: string;
let connectionId: string;
const userId = 'fitbit|TEXT1';

async function storedUser(): Promise<User | undefined> {
  return both.harness().store.users.get(TENANT, userId);
}

/** Every record a refused request could have touched, as stored now. */
async function everything(): Promise<string> {
  const { store } = both.harness();
  return JSON.stringify([await storedUser(), await store.clients.get(TENANT, clientId), await both.fitbitConnection(), await store.tenants.getStored(TENANT)]);
}

/** The field's error on a refused dashboard page, entities decoded. */
function fieldError(html: string, field: string): string | undefined {
  const text = new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1];
  return text?.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}

describe('a NUL or an unpaired surrogate wherever a string is stored', () => {
  beforeAll(async () => {
    const saved = await both.form(connectionPage, connectionPage, { api: 'google-health', client_id: 'text.apps.googleusercontent.com', client_secret: 'text-secret', scope: ['activity'] });
    expect(saved.status).toBe(303);
    connectionId = (await both.fitbitConnection()).id;
    const created = await both.api('post', '/clients', { name: 'Text app', app_type: 'regular_web', callbacks: ['https://text.example/cb'] }).expect(201);
    clientId = String((created.body as { client_id: string }).client_id);
    const now = new Date().toISOString();
    await both.harness().store.users.create({
      tenant: TENANT,
      userId,
      name: 'Pat Doe',
      userMetadata: { theme: 'light' },
      identities: [{ provider: 'fitbit', connection: 'fitbit', userId: 'TEXT1', isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
      loginsCount: 1,
      createdAt: now,
      updatedAt: now,
    });
  });

  const user = () => `/users/${encodeURIComponent(userId)}`;
  const client = () => `/clients/${encodeURIComponent(clientId)}`;
  const connection = () => `/connections/${encodeURIComponent(connectionId)}`;

  it.each([
    ["a user's name", user, { name: 'Pat\0Doe' }, `'Must not contain character 4, ${NUL}' on property name.`],
    ["a user's nickname", user, { nickname: 'pat\ud800' }, `'Must not contain character 4, ${UNPAIRED}' on property nickname.`],
    ["a user's given name, counted once trimmed", user, { given_name: '  Pa\0t ' }, `'Must not contain character 3, ${NUL}' on property given_name.`],
    ["a user's family name", user, { family_name: '\ud800Doe' }, `'Must not contain character 1, ${UNPAIRED}' on property family_name.`],
    ["a user's picture", user, { picture: 'https://img.example/a\0.png' }, `'Must not contain character 22, ${NUL}' on property picture.`],
    ['a user_metadata value nested in an array', user, { user_metadata: { prefs: { tags: ['ok', 'b\ud800d'] } } }, `'Must not contain character 2, ${UNPAIRED}' on property user_metadata.prefs.tags.1.`],
    ['an app_metadata key', user, { app_metadata: { 'pl\0an': 'full' } }, `'Keys must not contain character 3, ${NUL}' on property app_metadata.`],
    ['a nested metadata key', user, { user_metadata: { prefs: { ['\ud800']: 1 } } }, `'Keys must not contain character 1, ${UNPAIRED}' on property user_metadata.prefs.`],
    ["an application's description", client, { description: 'Runs\0' }, `'Must not contain character 5, ${NUL}' on property description.`],
    ["an application's client_metadata value", client, { client_metadata: { region: 'e\ud800u' } }, `'Must not contain character 2, ${UNPAIRED}' on property client_metadata.region.`],
    ["an application's logo_uri", client, { logo_uri: 'https://logo.example/\ud800.png' }, `'Must not contain character 22, ${UNPAIRED}' on property logo_uri.`],
    ["a connection's metadata value", connection, { metadata: { team: 'ops\0' } }, `'Must not contain character 4, ${NUL}' on property metadata.team.`],
    ["a connection's metadata key", connection, { metadata: { ['te\ud800am']: 'ops' } }, `'Keys must not contain character 3, ${UNPAIRED}' on property metadata.`],
  ])('refuses it in %s with the 400 of a refused property, and stores nothing', async (_case, path, body, message) => {
    const before = await everything();
    const answer = await both.api('patch', path(), body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(refusal(message));
    expect(await everything()).toBe(before);
  });

  it('refuses it in a new application, which is then not created', async () => {
    const count = async () => (await both.harness().store.clients.list(TENANT, { page: 0, perPage: 100 })).total;
    const before = await count();
    const answer = await both.api('post', '/clients', { name: 'Described', app_type: 'spa', description: 'Da\ud800ta' });
    expect(answer.body).toEqual(refusal(`'Must not contain character 3, ${UNPAIRED}' on property description.`));
    expect(await count()).toBe(before);
  });

  it('keeps every other character: a pair of surrogates (an emoji), tabs and line breaks in free text', async () => {
    await both.api('patch', user(), { name: 'Pat 🏃 Doe', user_metadata: { note: 'line one\nline two\tend' } }).expect(200);
    await both.api('patch', client(), { description: 'First line\nsecond' }).expect(200);
    expect((await storedUser())?.name).toBe('Pat 🏃 Doe');
    expect((await storedUser())?.userMetadata).toEqual({ theme: 'light', note: 'line one\nline two\tend' });
    expect((await both.harness().store.clients.get(TENANT, clientId))?.description).toBe('First line\nsecond');
  });

  it('names a NUL in a URL in the same words both ways, and stores neither', async () => {
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const before = await everything();
    const url = 'https://text.example/c\0b';

    const answer = await both.api('patch', client(), { callbacks: ['https://text.example/cb', url] });
    expect(answer.body).toEqual(refusal(`'${url} must not contain spaces, control characters or backslashes' on property callbacks.1.`));

    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    const typed = await both.form(page, page, { ...rendered, callbacks: `https://text.example/cb\r\n${url}` });
    expect(typed.status).toBe(400);
    // Pages show a control character as U+FFFD, never raw.
    expect(fieldError(typed.text, 'callbacks')).toBe('https://text.example/c\uFFFDb: must not contain spaces, control characters or backslashes.');
    expect(await everything()).toBe(before);
  });

  it.each([
    ['Allowed Logout URLs', 'allowed_logout_urls', 'https://text.example/bye\0'],
    ['Allowed Web Origins', 'web_origins', 'https://te\0xt.example'],
    ['Allowed Origins (CORS)', 'allowed_origins', 'https://text.example\0'],
    ['the Back-Channel Logout URL', 'backchannel_logout_urls', 'https://text.example/\0bcl'],
  ])("refuses a NUL typed in an application's %s beside the field, and stores nothing", async (_case, field, url) => {
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const before = await everything();
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    const typed = await both.form(page, page, { ...rendered, [field]: url });
    expect(typed.status).toBe(400);
    expect(fieldError(typed.text, field)).toBe(`${url.replace('\0', '\uFFFD')}: must not contain spaces, control characters or backslashes.`);
    expect(await everything()).toBe(before);
  });

  it.each([
    ['Client ID', 'client_id', { client_id: 'te\0xt.apps.googleusercontent.com', client_secret: 'text-secret' }],
    ['Client Secret', 'client_secret', { client_id: 'text.apps.googleusercontent.com', client_secret: 'te\0xt-secret' }],
  ])("refuses a NUL typed in a connection's %s beside the field, in the API's words, and stores nothing", async (label, field, typed) => {
    const before = await everything();
    const problem = `must hold only printable ASCII characters: character 3 is ${NUL}`;
    const refused = await both.form(connectionPage, connectionPage, { api: 'google-health', scope: ['activity'], ...typed });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.text, field)).toBe(`${label}: ${problem}`);
    const answer = await both.api('patch', connection(), { options: { api: 'google-health', scope: ['activity'], ...typed } });
    expect(answer.body).toEqual(refusal(`'${problem}' on property options.${field}.`));
    expect(await everything()).toBe(before);
  });

  it("refuses a NUL typed in the tenant's logout URLs or session lifetimes beside the field, and stores nothing", async () => {
    const before = await everything();
    const logout = await both.form(tenantPage, tenantPage, { inactivity_timeout: '4320', require_log_in_after: '10080', allowed_logout_urls: 'https://text.example/\0' });
    expect(logout.status).toBe(400);
    expect(fieldError(logout.text, 'allowed_logout_urls')).toBe('https://text.example/\uFFFD: must not contain spaces, control characters or backslashes.');
    const lifetime = await both.form(tenantPage, tenantPage, { inactivity_timeout: ['43', '20'].join('\0'), require_log_in_after: '10080', allowed_logout_urls: '' });
    expect(lifetime.status).toBe(400);
    expect(fieldError(lifetime.text, 'inactivity_timeout')).toBe('Inactivity timeout must be a number of minutes, such as 4320 for 3 days.');
    expect(await everything()).toBe(before);
  });

  it('refuses a form whose percent-escapes spell an unpaired surrogate, with a page that says why, and creates nothing', async () => {
    const count = async () => (await both.harness().store.clients.list(TENANT, { page: 0, perPage: 100 })).total;
    const before = await count();
    const csrf = await csrfFrom(both.agent(), `${apps}/new`);
    const refused = await both
      .agent()
      .post(apps)
      .set('Accept', 'text/html')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&app_type=spa&name=Bad%ED%A0%80Name`);
    expect(refused.status).toBe(400);
    expect(refused.type).toBe('text/html');
    expect(refused.text).toContain('escapes that are not UTF-8');
    expect(refused.text).not.toMatch(/ at .*\.(ts|js):\d+/);
    expect(await count()).toBe(before);
  });

  describe('stored before the rule', () => {
    beforeAll(async () => {
      const stored = await storedUser();
      await both.harness().store.users.update({ ...stored!, nickname: 'Old\0Nick', userMetadata: { ['k\ud800']: 'v\0', theme: 'light' } });
    });

    it('stays as stored, is answered, and stands in the way of no other change', async () => {
      const read = await both.api('get', user()).expect(200);
      expect((read.body as { nickname?: string }).nickname).toBe('Old\0Nick');

      await both.api('patch', user(), { blocked: true }).expect(200);
      await both.api('patch', user(), { user_metadata: { theme: 'dark' } }).expect(200);
      const after = await storedUser();
      expect(after?.nickname).toBe('Old\0Nick');
      expect(after?.userMetadata).toEqual({ ['k\ud800']: 'v\0', theme: 'dark' });
      await both.api('patch', user(), { blocked: false }).expect(200);
    });
  });
});
