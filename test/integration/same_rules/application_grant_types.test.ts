import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { grantTypesShownOf } from '../dashboard/applications/grant_type_boxes.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * An application's grant types under the same rules whether the dashboard's Grant Types are ticked
 * or the Management API is sent them: the same list stored, each grant type once, and a value
 * fitgate does not know refused both ways with nothing stored; so is client_credentials for a
 * public application (domain/grant_types.ts: mayHoldGrantType), one stored before that rule
 * included, until it is taken out.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function codeFlowOnly(): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, {
    tenant: TENANT,
    name: 'Grant types',
    appType: 'regular_web',
    grantTypes: ['authorization_code', 'refresh_token'],
  });
  return client.clientId;
}

/** A regular web application made public (token_endpoint_auth_method none), holding `grantTypes`. */
async function publicWebApplication(grantTypes: string[]): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'Public web', appType: 'regular_web', tokenEndpointAuthMethod: 'none', grantTypes });
  return client.clientId;
}

const grantTypesOf = async (clientId: string) => (await both.harness().store.clients.get(TENANT, clientId))?.grantTypes;
const pageOf = (clientId: string) => `${apps}/${encodeURIComponent(clientId)}`;
/** The Grant Types' hidden fields of the application's page as it is now, as a browser posts them. */
const shownOn = async (page: string) => grantTypesShownOf((await both.agent().get(page).expect(200)).text);

describe("an application's grant types, in the dashboard and the Management API", () => {
  it('stores the same list both ways, each grant type once', async () => {
    const ticked = await codeFlowOnly();
    const page = pageOf(ticked);
    const boxes = ['authorization_code', 'refresh_token', 'implicit', 'implicit'];
    expect((await both.form(page, page, { name: 'Grant types', ...(await shownOn(page)), grant_types: boxes })).status).toBe(303);

    const sent = await codeFlowOnly();
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: boxes }).expect(200);

    expect(await grantTypesOf(ticked)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
  });

  it('refuses a grant type fitgate does not know both ways, storing nothing', async () => {
    const posted = await codeFlowOnly();
    const page = pageOf(posted);
    const refused = await both.form(page, page, { name: 'Grant types', ...(await shownOn(page)), grant_types: ['authorization_code', 'password'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('There is no grant type &quot;password&quot;');

    const sent = await codeFlowOnly();
    const answered = await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: ['authorization_code', 'password'] });
    expect(answered.status).toBe(400);

    expect(await grantTypesOf(posted)).toEqual(['authorization_code', 'refresh_token']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('refuses client_credentials for a public application both ways, storing nothing', async () => {
    const posted = await publicWebApplication(['authorization_code', 'refresh_token']);
    const page = pageOf(posted);
    const refused = await both.form(page, page, { name: 'Public web', ...(await shownOn(page)), grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Client Credentials does not apply to this application: it has no client secret (it is public)');

    const sent = await publicWebApplication(['authorization_code', 'refresh_token']);
    const answered = await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] });
    expect(answered.status).toBe(400);
    expect(answered.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body', message: expect.stringContaining('Invalid grant types: client_credentials.') });

    expect(await grantTypesOf(posted)).toEqual(['authorization_code', 'refresh_token']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('saves a public application that holds client_credentials from before the rule both ways only once it is taken out', async () => {
    const held = ['authorization_code', 'refresh_token', 'client_credentials'];
    const ticked = await publicWebApplication(held);
    const page = pageOf(ticked);
    expect((await both.form(page, page, { name: 'Public web', ...(await shownOn(page)), grant_types: held })).status).toBe(400);
    expect((await both.form(page, page, { name: 'Public web', ...(await shownOn(page)), grant_types: ['authorization_code', 'refresh_token'] })).status).toBe(303);

    const sent = await publicWebApplication(held);
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: held }).expect(400);
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: ['authorization_code', 'refresh_token'] }).expect(200);

    expect(await grantTypesOf(ticked)).toEqual(['authorization_code', 'refresh_token']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token']);
  });
});
