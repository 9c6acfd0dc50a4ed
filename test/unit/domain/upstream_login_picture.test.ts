import { describe, expect, it } from '@jest/globals';
import type { Connection } from '../../../src/domain/types.js';
import { toUpstreamLogin, type VerifiedLogin } from '../../../src/domain/upstream_login.js';

const connection = { tenant: 'acme', name: 'fitbit', strategy: 'fitbit' } as Connection;

function loginWithPicture(picture: string): ReturnType<typeof toUpstreamLogin> {
  const verified = {
    profile: { id: 'u1', displayName: 'Ada', photos: [{ value: picture }], _json: {} },
    tokens: { accessToken: 'at', expiresIn: 3600, grantedScopes: ['activity'] },
  } as unknown as VerifiedLogin;
  return toUpstreamLogin(verified, connection, undefined, new Date());
}

describe("an upstream login's picture", () => {
  it.each(['https://lh3.googleusercontent.com/a/photo.jpg', 'http://static0.fitbit.com/images/profile/avatar.png'])('keeps the web URL %s', (picture) => {
    expect(loginWithPicture(picture).profile.picture).toBe(picture);
  });

  it.each(['javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'not a url', ''])('drops %j, which is no web URL', (picture) => {
    expect(loginWithPicture(picture).profile).not.toHaveProperty('picture');
  });
});
