import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * Turning the implicit grant on stores the same grant types whether the dashboard's switch is
 * ticked or the Management API is sent them, a repeated grant type included: each grant type once.
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

describe('the implicit grant, in the dashboard and the Management API', () => {
  it('stores each grant type once both ways', async () => {
    const ticked = await codeFlowOnly();
    const page = `${apps}/${encodeURIComponent(ticked)}`;
    expect((await both.form(page, page, { name: 'Grant types', implicit: 'on' })).status).toBe(303);

    const sent = await codeFlowOnly();
    const grantTypes = ['authorization_code', 'refresh_token', 'implicit', 'implicit'];
    await both.api('patch', `/clients/${encodeURIComponent(sent)}`, { grant_types: grantTypes }).expect(200);

    expect(await grantTypesOf(ticked)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
    expect(await grantTypesOf(sent)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
  });
});
