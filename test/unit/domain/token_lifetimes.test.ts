import { describe, expect, it } from '@jest/globals';
import { CONSUMED_CODE_TOMBSTONE_TTL_SECONDS } from '../../../src/authn/tokens/lifetimes.js';
import { publishedSigningKeys } from '../../../src/domain/signing_key_rotation.js';
import {
  idTokenLifetimeOf,
  MANAGEMENT_ACCESS_TOKEN_LIFETIME_SECONDS,
  MAX_SIGNED_TOKEN_LIFETIME_SECONDS,
  newApplicationTokenSettings,
  refreshTokenPolicyOf,
  refreshTokenPolicyProblem,
  USER_ACCESS_TOKEN_LIFETIME_SECONDS,
} from '../../../src/domain/token_lifetimes.js';
import type { AppType, Sealed, SigningKey } from '../../../src/domain/types.js';

describe('token lifetimes and defaults', () => {
  it("gives new applications Auth0's defaults: non-rotating refresh tokens on servers, rotating in browsers and devices, 10 h id_tokens", () => {
    const rotationOf = (appType: AppType) => newApplicationTokenSettings(appType).refreshTokenPolicy.rotationType;
    expect(rotationOf('regular_web')).toBe('non-rotating');
    expect(rotationOf('non_interactive')).toBe('non-rotating');
    expect(rotationOf('spa')).toBe('rotating');
    expect(rotationOf('native')).toBe('rotating');
    for (const appType of ['regular_web', 'spa', 'native', 'non_interactive'] as const) {
      const settings = newApplicationTokenSettings(appType);
      expect(settings.idTokenLifetimeSeconds).toBe(36000);
      expect(settings.refreshTokenPolicy).toMatchObject({ expirationType: 'expiring', leewaySeconds: 0 });
      expect(refreshTokenPolicyProblem(settings.refreshTokenPolicy)).toBeUndefined();
    }
  });

  it('hands out a copy, so changing one new application never changes the next', () => {
    newApplicationTokenSettings('spa').refreshTokenPolicy.leewaySeconds = 30;
    expect(newApplicationTokenSettings('spa').refreshTokenPolicy.leewaySeconds).toBe(0);
  });

  it('leaves a client stored without token settings as it was: rotating refresh tokens and 1 h id_tokens', () => {
    expect(idTokenLifetimeOf({})).toBe(3600);
    expect(refreshTokenPolicyOf({})).toMatchObject({ rotationType: 'rotating', leewaySeconds: 0 });
  });

  it("gives a user's access token 24 h (Auth0's default) and keeps Management API tokens at 1 h", () => {
    expect(USER_ACCESS_TOKEN_LIFETIME_SECONDS).toBe(86400);
    expect(MANAGEMENT_ACCESS_TOKEN_LIFETIME_SECONDS).toBe(3600);
  });

  it('keeps a rotated-out key published as long as a 24 h access token made under it lives, and no longer than the longest token', () => {
    const retiredAt = Date.parse('2026-12-01T00:00:00Z');
    const key = (kid: string, fields: Partial<SigningKey>): SigningKey => ({ kid, publicJwk: {}, privateJwk: 'v1.sealed' as Sealed, createdAt: '2026-11-01T00:00:00Z', ...fields });
    const tenant = {
      signingKeys: [key('new', { status: 'current', currentSince: new Date(retiredAt).toISOString() }), key('old', { status: 'previous', currentUntil: new Date(retiredAt).toISOString() })],
    };
    const publishedAt = (ms: number) => publishedSigningKeys(tenant, new Date(ms)).map((published) => published.kid);
    expect(MAX_SIGNED_TOKEN_LIFETIME_SECONDS).toBeGreaterThanOrEqual(USER_ACCESS_TOKEN_LIFETIME_SECONDS);
    expect(publishedAt(retiredAt + (USER_ACCESS_TOKEN_LIFETIME_SECONDS - 1) * 1000)).toContain('old');
    expect(publishedAt(retiredAt + (MAX_SIGNED_TOKEN_LIFETIME_SECONDS + 1) * 1000)).toEqual(['new']);
  });

  it("remembers a spent authorization code for longer than the access tokens issued from it live, so a replay still revokes them", () => {
    expect(CONSUMED_CODE_TOMBSTONE_TTL_SECONDS).toBeGreaterThan(USER_ACCESS_TOKEN_LIFETIME_SECONDS);
  });
});
