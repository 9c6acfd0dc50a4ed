import type { SigningKeyCertificate } from '../../domain/signing_key_certificate.js';
import { keyStates, type KeyInState } from '../../domain/signing_key_rotation.js';
import type { SigningKey, Tenant } from '../../domain/types.js';

/** A key's certificate for this request's tenant host. */
export type CertificateOf = (key: SigningKey) => SigningKeyCertificate;

const ORDER = { current: 0, next: 1, previous: 2, revoked: 3 } as const;

/** The tenant's keys in Auth0's order: current, next, previous, revoked. */
export function keysInOrder(tenant: Tenant): KeyInState[] {
  return keyStates(tenant).sort((a, b) => ORDER[a.status] - ORDER[b.status]);
}

/** Auth0's signing key shape; the flags are present only when true, as Auth0 answers them. */
export function signingKeyJson({ key, status }: KeyInState, certificateOf: CertificateOf): Record<string, unknown> {
  const certificate = certificateOf(key);
  return {
    kid: key.kid,
    cert: certificate.pem,
    fingerprint: certificate.fingerprint,
    thumbprint: certificate.thumbprint,
    ...(status === 'current' && { current: true }),
    ...(status === 'next' && { next: true }),
    ...(status === 'previous' && { previous: true }),
    ...(key.currentSince && { current_since: key.currentSince }),
    ...(key.currentUntil && { current_until: key.currentUntil }),
    ...(status === 'revoked' && { revoked: true, revoked_at: key.revokedAt }),
  };
}

/** What rotate and revoke answer: `{ cert, kid }`. */
export function signingKeySummary(key: SigningKey, certificateOf: CertificateOf): Record<string, unknown> {
  return { cert: certificateOf(key).pem, kid: key.kid };
}
