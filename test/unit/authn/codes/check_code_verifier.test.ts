import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { AuthorizationCodeRecord } from '../../../../src/authn/codes/authorization_code.js';
import { checkCodeVerifier } from '../../../../src/authn/codes/check_code_verifier.js';
import { buildClient } from '../../../../src/domain/clients.js';
import { InvalidGrantError } from '../../../../src/errors/index.js';

const verifier = 'dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk';
const challenge = createHash('sha256').update(verifier).digest('base64url');
const confidential = buildClient({ tenant: 'acme', name: 'Web', appType: 'regular_web' }).client;
const publicClient = buildClient({ tenant: 'acme', name: 'SPA', appType: 'spa' }).client;

function code(overrides: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord {
  return {
    tenant: 'acme',
    clientId: publicClient.clientId,
    redirectUri: 'https://app.example/cb',
    userId: 'fitbit|ABC',
    scope: ['openid'],
    connection: 'fitbit',
    authTime: 1_700_000_000,
    grantId: 'grant-1',
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    ...overrides,
  };
}

describe('PKCE at the token endpoint', () => {
  it('accepts the verifier whose S256 hash is the code challenge', () => {
    expect(() => checkCodeVerifier(code(), publicClient, verifier)).not.toThrow();
  });

  it('refuses a wrong verifier, a missing one and a malformed one with invalid_grant', () => {
    const wrong = `${verifier.slice(0, -1)}A`;
    expect(() => checkCodeVerifier(code(), publicClient, wrong)).toThrow(InvalidGrantError);
    expect(() => checkCodeVerifier(code(), publicClient, undefined)).toThrow(InvalidGrantError);
    expect(() => checkCodeVerifier(code(), publicClient, 'short')).toThrow(InvalidGrantError);
  });

  it('refuses the challenge itself sent as the verifier (plain is not supported)', () => {
    const plainChallenge = 'a'.repeat(43);
    expect(() => checkCodeVerifier(code({ codeChallenge: plainChallenge }), publicClient, plainChallenge)).toThrow(
      InvalidGrantError,
    );
  });

  it('refuses a verifier for a code issued without a challenge (no PKCE downgrade)', () => {
    expect(() => checkCodeVerifier(code({ codeChallenge: undefined, codeChallengeMethod: undefined }), confidential, verifier)).toThrow(
      InvalidGrantError,
    );
  });

  it('lets a confidential client redeem a code issued without PKCE, but never a public client', () => {
    const withoutPkce = code({ codeChallenge: undefined, codeChallengeMethod: undefined });
    expect(() => checkCodeVerifier(withoutPkce, confidential, undefined)).not.toThrow();
    expect(() => checkCodeVerifier(withoutPkce, publicClient, undefined)).toThrow(InvalidGrantError);
  });
});
