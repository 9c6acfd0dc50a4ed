import { describe, expect, it } from '@jest/globals';
import { narrowScope } from '../../../../../src/authn/token_endpoint/grants/narrow_scope.js';
import { InvalidScopeError } from '../../../../../src/errors/index.js';

describe('scope narrowing on refresh and client_credentials', () => {
  const granted = ['openid', 'profile', 'email', 'offline_access'];

  it('keeps the whole granted scope when no scope is asked for', () => {
    expect(narrowScope(granted, undefined)).toEqual(granted);
  });

  it('allows asking for a subset', () => {
    expect(narrowScope(granted, 'openid email')).toEqual(['openid', 'email']);
  });

  it('refuses any scope that was not granted with invalid_scope', () => {
    expect(() => narrowScope(granted, 'openid read:users')).toThrow(InvalidScopeError);
  });
});
