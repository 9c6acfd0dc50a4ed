import { describe, expect, it } from '@jest/globals';
import { buildClient } from '../../../../src/domain/clients.js';
import type { AppType, Client } from '../../../../src/domain/types.js';
import { matchesClientFilter, readClientListFilter } from '../../../../src/management/clients/client_list_filter.js';

const client = (appType: AppType, isFirstParty?: boolean): Client => {
  const built = buildClient({ tenant: 't', name: appType, appType }).client;
  return isFirstParty === undefined ? built : { ...built, isFirstParty };
};
const web = client('regular_web');
const robot = client('non_interactive');
const thirdPartySpa = client('spa', false);
const all = [web, robot, thirdPartySpa];

/** The clients the query's filter keeps. */
function kept(query: Record<string, string>): Client[] {
  const filter = readClientListFilter(query);
  return filter ? all.filter((candidate) => matchesClientFilter(candidate, filter)) : all;
}

describe('GET /api/v2/clients filters', () => {
  it('asks for no filter without its parameters', () => {
    expect(readClientListFilter({ page: '0', fields: 'name' })).toBeUndefined();
  });

  it('keeps the applications of any type listed in app_type', () => {
    expect(kept({ app_type: 'non_interactive' })).toEqual([robot]);
    expect(kept({ app_type: 'spa, regular_web' })).toEqual([web, thirdPartySpa]);
    expect(kept({ app_type: 'sso_integration' })).toEqual([]);
  });

  it('filters on is_first_party (first-party unless set otherwise) and is_global (fitgate has no global client)', () => {
    expect(kept({ is_first_party: 'false' })).toEqual([thirdPartySpa]);
    expect(kept({ is_first_party: 'true', app_type: 'regular_web,spa' })).toEqual([web]);
    expect(kept({ is_global: 'false' })).toEqual(all);
    expect(kept({ is_global: 'true' })).toEqual([]);
  });

  it('refuses an unknown or empty app_type and a non-boolean flag, naming the parameter', () => {
    expect(() => readClientListFilter({ app_type: 'non-interactive' })).toThrow(`Query validation error: 'No enum match for: "non-interactive"' on property app_type.`);
    expect(() => readClientListFilter({ app_type: ' , ' })).toThrow(/'Must name at least one application type' on property app_type\.$/);
    expect(() => readClientListFilter({ is_first_party: 'yes' })).toThrow(/on property is_first_party\.$/);
    expect(() => readClientListFilter({ is_global: '1' })).toThrow(/on property is_global\.$/);
  });
});
