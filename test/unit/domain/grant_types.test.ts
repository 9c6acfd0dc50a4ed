import { describe, expect, it } from '@jest/globals';
import {
  defaultGrantTypes,
  distinctGrantTypes,
  GRANT_TYPES,
  grantTypesFor,
  grantTypesRefusedTo,
  isGrantType,
  mayHoldGrantType,
  TOKEN_VAULT_GRANT_TYPE,
} from '../../../src/domain/grant_types.js';

describe('grant types', () => {
  it('are the five fitgate serves, no other', () => {
    expect(GRANT_TYPES).toEqual(['authorization_code', 'implicit', 'refresh_token', 'client_credentials', TOKEN_VAULT_GRANT_TYPE]);
    expect(TOKEN_VAULT_GRANT_TYPE).toBe('urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token');
    expect(['password', 'urn:ietf:params:oauth:grant-type:device_code', 'IMPLICIT', ''].some(isGrantType)).toBe(false);
  });

  it('are stored each once, in the order first given', () => {
    expect(distinctGrantTypes(['refresh_token', 'implicit', 'refresh_token'])).toEqual(['refresh_token', 'implicit']);
  });

  it('allow client_credentials and Token Vault to a confidential client only, whatever its type, and any other grant type to any client', () => {
    for (const secretGrant of ['client_credentials', TOKEN_VAULT_GRANT_TYPE]) {
      expect(mayHoldGrantType({ tokenEndpointAuthMethod: 'none' }, secretGrant)).toBe(false);
      expect(mayHoldGrantType({ tokenEndpointAuthMethod: 'client_secret_post' }, secretGrant)).toBe(true);
      expect(mayHoldGrantType({ tokenEndpointAuthMethod: 'client_secret_basic' }, secretGrant)).toBe(true);
    }
    const others = GRANT_TYPES.filter((grantType) => grantType !== 'client_credentials' && grantType !== TOKEN_VAULT_GRANT_TYPE);
    expect(others.every((grantType) => mayHoldGrantType({ tokenEndpointAuthMethod: 'none' }, grantType))).toBe(true);
    expect(grantTypesRefusedTo({ tokenEndpointAuthMethod: 'none', grantTypes: ['authorization_code', 'client_credentials'] })).toEqual(['client_credentials']);
    expect(grantTypesRefusedTo({ tokenEndpointAuthMethod: 'client_secret_post', grantTypes: ['authorization_code', 'client_credentials'] })).toEqual([]);
  });

  it("of a new application are its type's, without client_credentials when it is public, and never Token Vault", () => {
    const userGrants = ['authorization_code', 'implicit', 'refresh_token'];
    expect(defaultGrantTypes('regular_web', 'client_secret_post')).toEqual([...userGrants, 'client_credentials']);
    expect(defaultGrantTypes('regular_web', 'none')).toEqual(userGrants);
    expect(defaultGrantTypes('spa', 'none')).toEqual(userGrants);
    expect(defaultGrantTypes('non_interactive', 'client_secret_basic')).toEqual(['client_credentials']);
    expect(defaultGrantTypes('non_interactive', 'none')).toEqual([]);
  });

  it('that apply to an application follow its type, and client_credentials and Token Vault its secret', () => {
    const userGrants = ['authorization_code', 'implicit', 'refresh_token'];
    expect(grantTypesFor({ appType: 'regular_web', tokenEndpointAuthMethod: 'client_secret_post' })).toEqual([...userGrants, 'client_credentials', TOKEN_VAULT_GRANT_TYPE]);
    expect(grantTypesFor({ appType: 'regular_web', tokenEndpointAuthMethod: 'none' })).toEqual(userGrants);
    expect(grantTypesFor({ appType: 'spa', tokenEndpointAuthMethod: 'none' })).toEqual(userGrants);
    expect(grantTypesFor({ appType: 'native', tokenEndpointAuthMethod: 'client_secret_basic' })).toEqual([...userGrants, TOKEN_VAULT_GRANT_TYPE]);
    expect(grantTypesFor({ appType: 'non_interactive', tokenEndpointAuthMethod: 'client_secret_basic' })).toEqual(['client_credentials']);
    expect(grantTypesFor({ appType: 'non_interactive', tokenEndpointAuthMethod: 'none' })).toEqual([]);
  });
});
