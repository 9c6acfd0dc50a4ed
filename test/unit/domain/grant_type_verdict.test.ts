import { describe, expect, it } from '@jest/globals';
import {
  defaultGrantTypes,
  GRANT_TYPES,
  grantTypeHoldRefusals,
  grantTypesFor,
  grantTypeVerdict,
  isHoldRefusal,
  mayHoldGrantType,
  TOKEN_VAULT_GRANT_TYPE,
} from '../../../src/domain/grant_types.js';
import type { AppType, TokenEndpointAuthMethod } from '../../../src/domain/types.js';

const APP_TYPES: AppType[] = ['regular_web', 'spa', 'native', 'non_interactive'];
const METHODS: TokenEndpointAuthMethod[] = ['client_secret_post', 'client_secret_basic', 'none'];

/** A grant type's verdict written as its reasons: [] for allowed. */
const reasonsOf = (appType: AppType, tokenEndpointAuthMethod: TokenEndpointAuthMethod) =>
  Object.fromEntries(
    GRANT_TYPES.map((grantType) => {
      const verdict = grantTypeVerdict({ appType, tokenEndpointAuthMethod }, grantType);
      return [grantType, verdict.allowed ? [] : verdict.reasons];
    }),
  );

const userGrants = (reasons: string[]) => ({ authorization_code: reasons, implicit: reasons, refresh_token: reasons });
/** Token Vault is a user grant that also needs a secret: the user grants' reasons, then public_client for a public client. */
const tokenVault = (reasons: string[]) => ({ [TOKEN_VAULT_GRANT_TYPE]: reasons });

/**
 * The one rule of which grant types an application may have (domain/grant_types.ts), its whole table:
 * user grants need a type that signs users in, client_credentials a type that keeps a secret and a
 * client that has one, Token Vault both a type that signs users in and a client with a secret, every
 * reason that applies given, the type's first.
 */
describe('the grant type rule', () => {
  it.each([
    ['regular_web', 'client_secret_post', { ...userGrants([]), client_credentials: [] , ...tokenVault([]) }],
    ['regular_web', 'client_secret_basic', { ...userGrants([]), client_credentials: [] , ...tokenVault([]) }],
    ['regular_web', 'none', { ...userGrants([]), client_credentials: ['public_client'] , ...tokenVault(['public_client']) }],
    ['spa', 'client_secret_post', { ...userGrants([]), client_credentials: ['keeps_no_secret'] , ...tokenVault([]) }],
    ['spa', 'client_secret_basic', { ...userGrants([]), client_credentials: ['keeps_no_secret'] , ...tokenVault([]) }],
    ['spa', 'none', { ...userGrants([]), client_credentials: ['keeps_no_secret', 'public_client'] , ...tokenVault(['public_client']) }],
    ['native', 'client_secret_post', { ...userGrants([]), client_credentials: ['keeps_no_secret'] , ...tokenVault([]) }],
    ['native', 'client_secret_basic', { ...userGrants([]), client_credentials: ['keeps_no_secret'] , ...tokenVault([]) }],
    ['native', 'none', { ...userGrants([]), client_credentials: ['keeps_no_secret', 'public_client'] , ...tokenVault(['public_client']) }],
    ['non_interactive', 'client_secret_post', { ...userGrants(['signs_no_user_in']), client_credentials: [] , ...tokenVault(['signs_no_user_in']) }],
    ['non_interactive', 'client_secret_basic', { ...userGrants(['signs_no_user_in']), client_credentials: [] , ...tokenVault(['signs_no_user_in']) }],
    ['non_interactive', 'none', { ...userGrants(['signs_no_user_in']), client_credentials: ['public_client'] , ...tokenVault(['signs_no_user_in', 'public_client']) }],
  ] as const)('answers for %s with %s', (appType, method, expected) => {
    expect(reasonsOf(appType, method)).toEqual(expected);
  });

  it('offers in the dashboard exactly the grant types it allows, and gives a new application all of them but Token Vault', () => {
    for (const appType of APP_TYPES) {
      for (const method of METHODS) {
        const allowed = GRANT_TYPES.filter((grantType) => grantTypeVerdict({ appType, tokenEndpointAuthMethod: method }, grantType).allowed);
        expect(defaultGrantTypes(appType, method)).toEqual(allowed.filter((grantType) => grantType !== TOKEN_VAULT_GRANT_TYPE));
        expect(grantTypesFor({ appType, tokenEndpointAuthMethod: method })).toEqual(allowed);
      }
    }
  });

  it('lets an application hold what its type has no use for, but nothing a hold refusal names', () => {
    for (const appType of APP_TYPES) {
      for (const method of METHODS) {
        for (const grantType of GRANT_TYPES) {
          const verdict = grantTypeVerdict({ appType, tokenEndpointAuthMethod: method }, grantType);
          const binds = !verdict.allowed && verdict.reasons.some(isHoldRefusal);
          expect(mayHoldGrantType({ tokenEndpointAuthMethod: method }, grantType)).toBe(!binds);
        }
      }
    }
  });

  it('names each grant type an application holds but may not, with the reason, in its order', () => {
    expect(grantTypeHoldRefusals({ tokenEndpointAuthMethod: 'none', grantTypes: ['client_credentials', 'authorization_code'] })).toEqual([
      { grantType: 'client_credentials', reason: 'public_client' },
    ]);
    expect(grantTypeHoldRefusals({ tokenEndpointAuthMethod: 'client_secret_basic', grantTypes: ['authorization_code', 'client_credentials'] })).toEqual([]);
  });
});
