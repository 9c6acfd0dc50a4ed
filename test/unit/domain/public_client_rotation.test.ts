import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REFRESH_TOKEN_POLICY, newApplicationTokenSettings, publicClientRotationProblem } from '../../../src/domain/token_lifetimes.js';
import type { AppType } from '../../../src/domain/types.js';

/** A public client's refresh tokens rotate: its default whatever its type, and the only policy allowed. */
describe('refresh token rotation of public clients', () => {
  const APP_TYPES: AppType[] = ['regular_web', 'spa', 'native', 'non_interactive'];

  it('gives a new public application rotating refresh tokens whatever its type', () => {
    for (const appType of APP_TYPES) {
      expect({ appType, rotation: newApplicationTokenSettings(appType, 'none').refreshTokenPolicy.rotationType }).toEqual({ appType, rotation: 'rotating' });
    }
  });

  it('leaves a confidential application its type’s default', () => {
    expect(newApplicationTokenSettings('regular_web', 'client_secret_post').refreshTokenPolicy.rotationType).toBe('non-rotating');
    expect(newApplicationTokenSettings('regular_web', 'client_secret_basic').refreshTokenPolicy.rotationType).toBe('non-rotating');
    expect(newApplicationTokenSettings('spa', 'client_secret_post').refreshTokenPolicy.rotationType).toBe('rotating');
  });

  it('names refresh_token.rotation_type for a public client that does not rotate, and nothing else', () => {
    const nonRotating = { ...DEFAULT_REFRESH_TOKEN_POLICY, rotationType: 'non-rotating' as const };
    expect(publicClientRotationProblem({ tokenEndpointAuthMethod: 'none', refreshTokenPolicy: nonRotating })).toEqual({
      field: 'refresh_token.rotation_type',
      problem: expect.stringContaining('set refresh_token.rotation_type to rotating'),
    });
    expect(publicClientRotationProblem({ tokenEndpointAuthMethod: 'none', refreshTokenPolicy: { ...DEFAULT_REFRESH_TOKEN_POLICY } })).toBeUndefined();
    // Stored without a policy: the rotating default applies.
    expect(publicClientRotationProblem({ tokenEndpointAuthMethod: 'none' })).toBeUndefined();
    expect(publicClientRotationProblem({ tokenEndpointAuthMethod: 'client_secret_post', refreshTokenPolicy: nonRotating })).toBeUndefined();
  });
});
