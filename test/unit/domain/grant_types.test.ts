import { describe, expect, it } from '@jest/globals';
import { distinctGrantTypes, GRANT_TYPES, grantTypesFor, isGrantType } from '../../../src/domain/grant_types.js';

describe('grant types', () => {
  it('are the four fitgate serves, no other', () => {
    expect(GRANT_TYPES).toEqual(['authorization_code', 'implicit', 'refresh_token', 'client_credentials']);
    expect(['password', 'urn:ietf:params:oauth:grant-type:device_code', 'IMPLICIT', ''].some(isGrantType)).toBe(false);
  });

  it('are stored each once, in the order first given', () => {
    expect(distinctGrantTypes(['refresh_token', 'implicit', 'refresh_token'])).toEqual(['refresh_token', 'implicit']);
  });

  it('that apply to an application follow its type, and client_credentials its secret', () => {
    const userGrants = ['authorization_code', 'implicit', 'refresh_token'];
    expect(grantTypesFor({ appType: 'regular_web', tokenEndpointAuthMethod: 'client_secret_post' })).toEqual([...userGrants, 'client_credentials']);
    expect(grantTypesFor({ appType: 'regular_web', tokenEndpointAuthMethod: 'none' })).toEqual(userGrants);
    expect(grantTypesFor({ appType: 'spa', tokenEndpointAuthMethod: 'none' })).toEqual(userGrants);
    expect(grantTypesFor({ appType: 'native', tokenEndpointAuthMethod: 'client_secret_basic' })).toEqual(userGrants);
    expect(grantTypesFor({ appType: 'non_interactive', tokenEndpointAuthMethod: 'client_secret_basic' })).toEqual(['client_credentials']);
    expect(grantTypesFor({ appType: 'non_interactive', tokenEndpointAuthMethod: 'none' })).toEqual([]);
  });
});
