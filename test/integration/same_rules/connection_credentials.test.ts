import { beforeAll, describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A connection's Client ID and Client Secret are written by one rule from the dashboard's settings
 * form and from PATCH /api/v2/connections/{id} (domain/connection_options.ts): trimmed, a blank one
 * read as not given (a blank secret keeps the stored one, a blank Client ID means none: sandbox),
 * then judged by the plugin. The same input gets the same verdict and is stored the same.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;
const scope = ['activity', 'profile'];

const { fitbitConnection: connection, storedCredentials } = both;

const typed = (clientId: string, clientSecret: string) => both.form(settings, settings, { api: 'google-health', client_id: clientId, client_secret: clientSecret, scope });
/** The answer to PATCH /connections/{id} with these options (over the same API and scope as the form). */
async function sent(options: Record<string, unknown>) {
  const { id } = await connection();
  return both.api('patch', `/connections/${encodeURIComponent(id)}`, { options: { api: 'google-health', scope, ...options } });
}

describe('connection credentials, in the dashboard and the Management API', () => {
  beforeAll(async () => {
    expect((await typed('first.apps.googleusercontent.com', 'first-secret')).status).toBe(303);
  });

  it('stores a Client ID and secret pasted with spaces and a line break around them trimmed, both ways', async () => {
    expect((await typed('  form.apps.googleusercontent.com ', ' form-secret\n')).status).toBe(303);
    expect(await storedCredentials()).toEqual({ clientId: 'form.apps.googleusercontent.com', secret: 'form-secret' });

    expect((await sent({ client_id: ' api.apps.googleusercontent.com\n', client_secret: '  api-secret \r\n' })).status).toBe(200);
    expect(await storedCredentials()).toEqual({ clientId: 'api.apps.googleusercontent.com', secret: 'api-secret' });
  });

  it('keeps the stored secret when the secret is left blank beside the Client ID, both ways', async () => {
    expect((await typed('kept.apps.googleusercontent.com', 'kept-secret')).status).toBe(303);

    expect((await typed('kept.apps.googleusercontent.com', '  ')).status).toBe(303);
    expect(await storedCredentials()).toEqual({ clientId: 'kept.apps.googleusercontent.com', secret: 'kept-secret' });

    expect((await sent({ client_id: 'kept.apps.googleusercontent.com', client_secret: '  ' })).status).toBe(200);
    expect(await storedCredentials()).toEqual({ clientId: 'kept.apps.googleusercontent.com', secret: 'kept-secret' });
  });

  it('reads a blank Client ID as none both ways: the connection is back in sandbox mode and the secret dropped', async () => {
    expect((await typed('blank.apps.googleusercontent.com', 'blank-secret')).status).toBe(303);
    expect((await typed(' ', '')).status).toBe(303);
    expect(await storedCredentials()).toEqual({ clientId: undefined, secret: undefined });

    expect((await typed('blank.apps.googleusercontent.com', 'blank-secret')).status).toBe(303);
    expect((await sent({ client_id: ' ' })).status).toBe(200);
    expect(await storedCredentials()).toEqual({ clientId: undefined, secret: undefined });
  });

  it('keeps the stored secret only for the same Client ID and API, both ways: another Google client is refused without its own', async () => {
    expect((await typed('owner.apps.googleusercontent.com', 'owner-secret')).status).toBe(303);
    const notKept = 'the stored secret belongs to the previous client ID or API and is not kept for another';

    const refusedInDashboard = await typed('other.apps.googleusercontent.com', '');
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain(notKept);
    const refusedByApi = await sent({ client_id: 'other.apps.googleusercontent.com' });
    expect(refusedByApi.status).toBe(400);
    expect((refusedByApi.body as { message: string }).message).toContain(`${notKept}' on property options.client_secret.`);

    expect(await storedCredentials()).toEqual({ clientId: 'owner.apps.googleusercontent.com', secret: 'owner-secret' });
  });

  it('saves a legacy "Client" app over a "Server" app without the Server app’s secret, both ways', async () => {
    const legacy = (clientId: string, clientSecret: string) => both.form(settings, settings, { api: 'fitbit-legacy', client_id: clientId, client_secret: clientSecret, scope });
    const { id } = await connection();
    const patched = (options: Record<string, unknown>) => both.api('patch', `/connections/${encodeURIComponent(id)}`, { options: { api: 'fitbit-legacy', scope, ...options } });

    expect((await legacy('23SERV', 'server-secret')).status).toBe(303);
    expect((await legacy('23CLNT', '')).status).toBe(303);
    expect(await storedCredentials()).toEqual({ clientId: '23CLNT', secret: undefined });

    expect((await patched({ client_id: '23SERV', client_secret: 'server-secret' })).status).toBe(200);
    expect((await patched({ client_id: '23CLNT' })).status).toBe(200);
    expect(await storedCredentials()).toEqual({ clientId: '23CLNT', secret: undefined });
  });

  it('refuses a secret given with a blank Client ID both ways, and keeps what was stored', async () => {
    expect((await typed('stays.apps.googleusercontent.com', 'stays-secret')).status).toBe(303);

    const refusedInDashboard = await typed('', 'orphan-secret');
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain('is required with a client secret');
    const refusedByApi = await sent({ client_id: '', client_secret: 'orphan-secret' });
    expect(refusedByApi.status).toBe(400);
    expect((refusedByApi.body as { message: string }).message).toContain('on property options.client_id.');

    expect(await storedCredentials()).toEqual({ clientId: 'stays.apps.googleusercontent.com', secret: 'stays-secret' });
  });

  it.each([
    ['a NUL in the secret', 'nul.apps.googleusercontent.com', 'nul\u0000secret', 'client_secret', 'character 4 is a NUL (U+0000)'],
    ['a line break inside the Client ID', 'broken\n.apps.googleusercontent.com', 'broken-secret', 'client_id', 'character 7 is a line break (U+000A)'],
    ['a NEL (U+0085) inside the Client ID', 'abc\u0085def.apps.googleusercontent.com', 'nel-secret', 'client_id', 'character 4 is a line break (U+0085)'],
    ['a line separator (U+2028) in the secret', 'ls.apps.googleusercontent.com', 'sec\u2028ret', 'client_secret', 'character 4 is a line break (U+2028)'],
    ['a paragraph separator (U+2029) in the Client ID', 'ps\u2029.apps.googleusercontent.com', 'ps-secret', 'client_id', 'character 3 is a line break (U+2029)'],
    ['a zero-width space inside the Client ID', 'abc\u200bdef.apps.googleusercontent.com', 'zwsp-secret', 'client_id', 'character 4 is a zero-width space (U+200B)'],
    ['a zero-width space in the secret', 'zwsp.apps.googleusercontent.com', 'sec\u200bret', 'client_secret', 'character 4 is a zero-width space (U+200B)'],
    // Counted in the value once trimmed, which the form field already is: the spaces before it do not count.
    ['a zero-width space leading the Client ID', '  \u200bzw.apps.googleusercontent.com', 'zw-secret', 'client_id', 'character 1 is a zero-width space (U+200B)'],
    ['a byte order mark inside the Client ID', 'abc\ufeffdef.apps.googleusercontent.com', 'bom-secret', 'client_id', 'character 4 is a byte order mark (U+FEFF)'],
    ['a right-to-left override in the Client ID', 'abc\u202edef.apps.googleusercontent.com', 'rlo-secret', 'client_id', 'character 4 is a bidirectional text control (U+202E)'],
    ['a left-to-right isolate in the secret', 'lri.apps.googleusercontent.com', '\u2066secret', 'client_secret', 'character 1 is a bidirectional text control (U+2066)'],
    ['a non-breaking space inside the Client ID', 'abc\u00a0def.apps.googleusercontent.com', 'nbsp-secret', 'client_id', 'character 4 is a non-ASCII space (U+00A0)'],
  ])('refuses %s both ways, naming the character and where, and keeps what was stored', async (_case, clientId, clientSecret, property, where) => {
    expect((await typed('clean.apps.googleusercontent.com', 'clean-secret')).status).toBe(303);
    const invisible = where.includes('non-ASCII') ? '' : ', an invisible character copied with it';
    const problem = `must hold only printable ASCII characters: ${where}${invisible}`;

    const refusedInDashboard = await typed(clientId, clientSecret);
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain(problem);
    const refusedByApi = await sent({ client_id: clientId, client_secret: clientSecret });
    expect(refusedByApi.status).toBe(400);
    expect((refusedByApi.body as { message: string }).message).toContain(`'${problem}' on property options.${property}`);

    expect(await storedCredentials()).toEqual({ clientId: 'clean.apps.googleusercontent.com', secret: 'clean-secret' });
  });

  it('refuses a non-ASCII letter in the Client ID both ways, and trims a byte order mark around it like a space', async () => {
    const problem = 'must hold only printable ASCII characters: character 2 is a non-ASCII character (U+00E9)';
    const refusedInDashboard = await typed('cé.apps.googleusercontent.com', 'accent-secret');
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain(problem);
    const refusedByApi = await sent({ client_id: 'cé.apps.googleusercontent.com', client_secret: 'accent-secret' });
    expect((refusedByApi.body as { message: string }).message).toContain(`'${problem}' on property options.client_id`);

    expect((await typed('\ufeffbom.apps.googleusercontent.com', 'bom-secret\ufeff')).status).toBe(303);
    expect(await storedCredentials()).toEqual({ clientId: 'bom.apps.googleusercontent.com', secret: 'bom-secret' });
    expect((await sent({ client_id: '\ufeffapi-bom.apps.googleusercontent.com ', client_secret: '\u2028api-bom-secret' })).status).toBe(200);
    expect(await storedCredentials()).toEqual({ clientId: 'api-bom.apps.googleusercontent.com', secret: 'api-bom-secret' });
  });
});
