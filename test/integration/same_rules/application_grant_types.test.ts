import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * An application's grant types under the same rules whether the dashboard's Grant Types are ticked
 * or the Management API is sent them: the same list stored, each grant type once, and a value
 * fitgate does not know refused both ways with nothing stored.
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

const grantTypesOf = async (clientId: string) => (await both.harness().store.clients.get(TENANT, clientId))?.grantTypes;
const pageOf = (clientId: string) => `${apps}/${encodeURIComponent(clientId)}`;

describe("an application's grant types, in the dashboard and the Management API", () => {
  it('stores the same list both ways, each grant type once', async () => {
    const ticked = await codeFlowOnly();
    const page = pageOf(ticked);
    const boxes = ['authorization_code', 'refresh_token', 'implicit', 'implicit'];
    expect((await both.form(page, page, { name: 'Grant types', grant_types_shown: '1', grant_types: boxes })).status).toBe(303);

    const sent = await codeFlowOnly();
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: boxes }).expect(200);

    expect(await grantTypesOf(ticked)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
  });

  it('refuses a grant type fitgate does not know both ways, storing nothing', async () => {
    const posted = await codeFlowOnly();
    const page = pageOf(posted);
    const refused = await both.form(page, page, { name: 'Grant types', grant_types_shown: '1', grant_types: ['authorization_code', 'password'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('There is no grant type &quot;password&quot;');

    const sent = await codeFlowOnly();
    const answered = await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: ['authorization_code', 'password'] });
    expect(answered.status).toBe(400);

    expect(await grantTypesOf(posted)).toEqual(['authorization_code', 'refresh_token']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token']);
  });
});
