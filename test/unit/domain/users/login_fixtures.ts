import type { Sealer } from '../../../../src/domain/ports.js';
import type { Sealed } from '../../../../src/domain/types.js';
import type { UpstreamLogin } from '../../../../src/domain/users.js';

/** A transparent sealer: tests read what was sealed without the real cipher. */
export const testSealer: Sealer = {
  seal: (plaintext) => `sealed:${plaintext}` as Sealed,
  open: (sealed) => sealed.replace(/^sealed:/, ''),
};

export function aLogin(overrides: Partial<UpstreamLogin> = {}): UpstreamLogin {
  return {
    tenant: 'acme',
    connection: { name: 'fitbit', strategy: 'fitbit', options: { api: 'fitbit-legacy', profileSync: 'on_each_login' } },
    upstreamUserId: 'GGNJL9',
    profile: { name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', picture: 'https://img.example/ada.png' },
    profileData: { encodedId: 'GGNJL9', displayName: 'Ada' },
    tokens: { accessToken: 'legacy-access', refreshToken: 'legacy-refresh', expiresIn: 28800, grantedScopes: ['activity', 'profile'] },
    ip: '203.0.113.7',
    now: new Date('2026-11-20T10:00:00.000Z'),
    ...overrides,
  };
}

/** The same person logging in through Google Health after the migration. */
export function aGoogleLogin(overrides: Partial<UpstreamLogin> = {}): UpstreamLogin {
  return aLogin({
    connection: { name: 'fitbit', strategy: 'fitbit', options: { api: 'google-health', profileSync: 'on_each_login' } },
    upstreamUserId: 'health-7f3a',
    legacyUserId: 'GGNJL9',
    profileData: { healthUserId: 'health-7f3a', legacyUserId: 'GGNJL9' },
    tokens: { accessToken: 'google-access', refreshToken: 'google-refresh', expiresIn: 3599, grantedScopes: ['activity'] },
    now: new Date('2026-11-21T10:00:00.000Z'),
    ...overrides,
  });
}
