import { describe, expect, it } from '@jest/globals';
import { verifiedUpstreamFault } from '../../../src/upstream/verified_upstream_fault.js';

const GOOD = {
  profile: { provider: 'acme', id: 'athlete-7', legacyUserId: 'old-7', _json: {}, _raw: '{}' },
  tokens: { accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, grantedScopes: ['steps'] },
};

/** GOOD with one field of the profile or of the tokens replaced (undefined: left out). */
function withField(part: 'profile' | 'tokens', field: string, value: unknown) {
  const changed: Record<string, unknown> = { ...GOOD[part], [field]: value };
  if (value === undefined) delete changed[field];
  return { ...GOOD, [part]: changed };
}

describe('what a plugin hands back on success, checked against the plugin interface', () => {
  it('finds nothing wrong with an answer that keeps to it, with or without the optional fields, and with no permission granted', () => {
    expect(verifiedUpstreamFault(GOOD)).toBeUndefined();
    expect(verifiedUpstreamFault(withField('tokens', 'refreshToken', undefined))).toBeUndefined();
    expect(verifiedUpstreamFault(withField('profile', 'legacyUserId', undefined))).toBeUndefined();
    expect(verifiedUpstreamFault(withField('tokens', 'expiresIn', 0))).toBeUndefined();
    expect(verifiedUpstreamFault(withField('tokens', 'grantedScopes', []))).toBeUndefined();
  });

  it.each([
    ['an empty profile id', withField('profile', 'id', ''), 'profile.id'],
    ['a numeric profile id', withField('profile', 'id', 7), 'profile.id'],
    ['no profile id', withField('profile', 'id', undefined), 'profile.id'],
    ['a legacy id that is no string', withField('profile', 'legacyUserId', 7), 'profile.legacyUserId'],
    ['an empty access token', withField('tokens', 'accessToken', ''), 'tokens.accessToken'],
    ['a refresh token that is no string', withField('tokens', 'refreshToken', null), 'tokens.refreshToken'],
    ['an expiry that is not a number', withField('tokens', 'expiresIn', '3600'), 'tokens.expiresIn'],
    ['an expiry that is NaN', withField('tokens', 'expiresIn', Number.NaN), 'tokens.expiresIn'],
    ['an infinite expiry', withField('tokens', 'expiresIn', Number.POSITIVE_INFINITY), 'tokens.expiresIn'],
    ['a negative expiry', withField('tokens', 'expiresIn', -1), 'tokens.expiresIn'],
    ['granted permissions that are no list', withField('tokens', 'grantedScopes', 'steps'), 'tokens.grantedScopes'],
    ['granted permissions that are not all names', withField('tokens', 'grantedScopes', ['steps', 7]), 'tokens.grantedScopes'],
  ])('names the field for %s', (_case, answer, field) => {
    expect(verifiedUpstreamFault(answer)).toContain(field);
  });

  it.each([[undefined], [null], ['user'], [{ profile: GOOD.profile }], [{ tokens: GOOD.tokens }]])('refuses an answer without its tokens and profile (%p)', (answer) => {
    expect(verifiedUpstreamFault(answer)).toBe('the answer must carry its tokens and profile');
  });
});
