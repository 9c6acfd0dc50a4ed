import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const made: Record<string, string> = {};
const harness = useManagementHarness('management-client-filters', async (started) => {
  // The token's own application is a non_interactive one too (the harness makes it).
  admin = await started.tokenWith(['read:clients', 'create:clients']);
  for (const [name, appType, isFirstParty] of [
    ['Shop', 'regular_web', true],
    ['Partner SPA', 'spa', false],
    ['Sync job', 'non_interactive', true],
  ] as const) {
    made[name] = (await started.call('post', '/clients', admin, { name, app_type: appType, is_first_party: isFirstParty }).expect(201)).body.client_id as string;
  }
});

const namesOf = (body: unknown) => (body as { name: string }[]).map((client) => client.name);

describe('GET /api/v2/clients filters', () => {
  it('keeps only the application types app_type lists, so a script acting on M2M apps never sees the others', async () => {
    const machines = await harness.call('get', '/clients?app_type=non_interactive', admin).expect(200);
    expect((machines.body as { app_type: string }[]).every((client) => client.app_type === 'non_interactive')).toBe(true);
    expect(namesOf(machines.body)).toContain('Sync job');
    expect(namesOf(machines.body)).not.toContain('Shop');

    const browsers = await harness.call('get', '/clients?app_type=regular_web,spa', admin).expect(200);
    expect(namesOf(browsers.body).sort()).toEqual(['Partner SPA', 'Shop']);
  });

  it('filters on is_first_party and is_global, pages the matches and narrows them with fields', async () => {
    expect(namesOf((await harness.call('get', '/clients?is_first_party=false', admin)).body)).toEqual(['Partner SPA']);
    expect((await harness.call('get', '/clients?is_global=true', admin)).body).toEqual([]);
    const all = (await harness.call('get', '/clients?per_page=100', admin)).body as unknown[];
    expect((await harness.call('get', '/clients?is_global=false&per_page=100', admin)).body).toEqual(all);

    const page = await harness.call('get', '/clients?app_type=regular_web,spa&per_page=1&page=1&include_totals=true&fields=client_id', admin).expect(200);
    expect(page.body).toMatchObject({ start: 1, limit: 1, length: 1, total: 2 });
    expect(page.body.clients).toEqual([{ client_id: made['Partner SPA'] }]);
  });

  it('refuses a misspelt filter or application type instead of answering every application', async () => {
    const misspelt = await harness.call('get', '/clients?app_typ=non_interactive', admin).expect(400);
    expect(misspelt.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: "Query validation error: 'Additional properties not allowed: app_typ'.",
      errorCode: 'invalid_query_string',
    });
    const badType = await harness.call('get', '/clients?app_type=m2m', admin).expect(400);
    expect(badType.body.message).toBe(`Query validation error: 'No enum match for: "m2m"' on property app_type.`);
    expect((await harness.call('get', '/clients?q=client_grant.allow_any_organization:true', admin).expect(400)).body.message).toMatch(/not allowed: q'/);
  });
});
