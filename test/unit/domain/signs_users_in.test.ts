import { describe, expect, it } from '@jest/globals';
import { GRANT_TYPES, TOKEN_VAULT_GRANT_TYPE } from '../../../src/domain/grant_types.js';
import { signsUsersIn } from '../../../src/domain/signs_users_in.js';
import type { AppType } from '../../../src/domain/types.js';
import { aClient } from '../../support/authn/records.js';
import { runChecks, validParams } from '../authn/login/authorize/run_checks.js';

const APP_TYPES: AppType[] = ['regular_web', 'spa', 'native', 'non_interactive'];

/** Every set of grant types: the Management API stores any of GRANT_TYPES for any type of application. */
const EVERY_GRANT_TYPE_SET = GRANT_TYPES.reduce<string[][]>((sets, grantType) => [...sets, ...sets.map((set) => [...set, grantType])], [[]]);

/**
 * Whether users can sign in to an application (domain/signs_users_in.ts), the rule the dashboard
 * offers applications by: the grant types decide, the type never does.
 */
describe('whether users can sign in to an application', () => {
  const cases: [string[], boolean][] = [
    [[], false],
    [['authorization_code'], true],
    [['authorization_code', 'implicit', 'refresh_token'], true],
    [['client_credentials', 'authorization_code'], true],
    [['implicit', 'refresh_token'], false],
    [['client_credentials'], false],
    [['refresh_token', TOKEN_VAULT_GRANT_TYPE], false],
  ];

  it.each(APP_TYPES.flatMap((appType) => cases.map(([grantTypes, expected]) => [appType, grantTypes, expected] as const)))(
    'answers for %s holding %j: %s',
    (appType, grantTypes, expected) => {
      expect(signsUsersIn(aClient({ appType, grantTypes: [...grantTypes] }))).toBe(expected);
    },
  );

  it('is exactly what /authorize takes, for every type and every set of grant types', async () => {
    // A confidential client with PKCE anyway, so nothing but the application's grants can refuse it.
    const params = validParams({ code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
    for (const appType of APP_TYPES) {
      for (const grantTypes of EVERY_GRANT_TYPE_SET) {
        const client = aClient({ appType, grantTypes });
        const outcome = await runChecks(params, { clients: [client] });
        expect([appType, grantTypes, outcome.error?.code]).toEqual([appType, grantTypes, signsUsersIn(client) ? undefined : 'unauthorized_client']);
      }
    }
  });
});
