import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A character that does not show has no place inside an application's name (domain/application_name.ts):
 * control characters, line breaks and format characters (zero-width space, byte order mark,
 * bidirectional overrides and isolates; not the joiners that emoji and some scripts are written with). Both ways refuse them, naming the character and where, in the words a
 * connection's credentials use; letters of any script and emoji are names like any other.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

describe('invisible characters in an application name', () => {
  it.each([
    ['a NUL', 'a\0b', 'character 2, a NUL (U+0000)'],
    ['a tab', 'Run\tClub', 'character 4, a tab (U+0009)'],
    ['a line break', 'Run\nClub', 'character 4, a line break (U+000A)'],
    ['a line separator', 'Run\u2028Club', 'character 4, a line break (U+2028)'],
    ['a zero-width space', 'App\u200Bs', 'character 4, a zero-width space (U+200B)'],
    ['a byte order mark inside', 'App\uFEFFs', 'character 4, a byte order mark (U+FEFF)'],
    ['a right-to-left override', 'App\u202Elive', 'character 4, a bidirectional text control (U+202E)'],
    ['a first-strong isolate', 'App\u2068x', 'character 4, a bidirectional text control (U+2068)'],
    ['a soft hyphen', 'App\u00ADs', 'character 4, a soft hyphen (U+00AD)'],
    ['a DEL', 'App\u007Fs', 'character 4, a control character (U+007F)'],
  ])('refuses a name with %s both ways, naming it', async (_case, name, named) => {
    const dashboard = await both.form(`${apps}/new`, apps, { name, app_type: 'regular_web' });
    expect(dashboard.status).toBe(400);
    expect(dashboard.text).toContain(`The name must not contain ${named}, an invisible character copied with it`);

    const api = await both.api('post', '/clients', { name, app_type: 'regular_web' }).expect(400);
    expect((api.body as { message: string }).message).toBe(
      `Payload validation error: 'Must not contain ${named}, an invisible character copied with it' on property name.`,
    );
  });

  it('refuses the same rename both ways and keeps the stored name', async () => {
    const created = await both.api('post', '/clients', { name: 'Steady', app_type: 'spa' }).expect(201);
    const clientId = String((created.body as { client_id: string }).client_id);
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    expect((await both.form(page, page, { name: 'Stea\u200Bdy' })).status).toBe(400);
    await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { name: 'Stea\u200Bdy' }).expect(400);
    expect((await both.harness().store.clients.get(TENANT, clientId))?.name).toBe('Steady');
  });

  it.each([
    ['accented letters', 'Café Ünïcode'],
    ['another script', 'アプリ 健康'],
    ['a right-to-left script', 'تطبيق'],
    ['an emoji', 'Run 🏃 Club'],
    ['an emoji sequence joined by a zero-width joiner', 'Run 🏃\u200D♀\uFE0F Club'],
    ['a Persian word with a zero-width non-joiner', 'می\u200Cروم'],
  ])('accepts a name of %s both ways', async (_case, name) => {
    expect((await both.form(`${apps}/new`, apps, { name, app_type: 'regular_web' })).status).toBe(303);
    await both.api('post', '/clients', { name, app_type: 'regular_web' }).expect(201);
  });

  it('drops the white space and line breaks around a name, as before', async () => {
    const created = await both.api('post', '/clients', { name: '\t Trimmed \n', app_type: 'spa' }).expect(201);
    expect((created.body as { name: string }).name).toBe('Trimmed');
  });
});
