import type { Sealer } from './ports.js';
import { signingKeyCertificate, type SigningKeyCertificate } from './signing_key_certificate.js';
import type { DomainLogger } from './token_vault_deps.js';
import type { SigningKey } from './types.js';

/**
 * The self-signed certificate of each signing key, built once per process and host. Building one
 * opens the sealed private key and makes an RSA signature, far too much for the JWKS, which SDKs
 * fetch at every start and on every unknown kid; the certificate is deterministic (same key, same
 * host name, same bytes), so caching it never serves a stale one, and every worker builds the same.
 * Entries grow with keys times tenant hosts, both few: an unknown host never reaches a router.
 * The JWKS, its /pem and /cer, and the Management API's signing keys all read it.
 */
export class KeyCertificates {
  /** `undefined` remembers a key whose certificate could not be built, so it is tried and logged once. */
  private readonly built = new Map<string, SigningKeyCertificate | undefined>();

  constructor(
    private readonly sealer: Sealer,
    private readonly logger: Pick<DomainLogger, 'error'>,
  ) {}

  /**
   * The certificate of `key` naming `commonName`, or undefined when it cannot be built (its private
   * key does not open). The JWKS then publishes the key without x5c/x5t rather than failing: it is
   * what every relying party verifies with, and n/e alone suffice for that.
   */
  certificate(key: SigningKey, commonName: string): SigningKeyCertificate | undefined {
    const id = `${commonName}\u0000${key.kid}`;
    if (this.built.has(id)) return this.built.get(id);
    let certificate: SigningKeyCertificate | undefined;
    try {
      certificate = signingKeyCertificate(key, this.sealer, commonName);
    } catch (error) {
      this.logger.error({ err: error, kid: key.kid }, 'could not build the certificate of a signing key');
    }
    this.built.set(id, certificate);
    return certificate;
  }
}

const certificatesBySealer = new WeakMap<Sealer, KeyCertificates>();

/**
 * The certificate cache of one running app, keyed by its sealer as tenantKeysFor is, so two apps in
 * one process (tests, the sandbox) never share what was built under different master keys.
 */
export function keyCertificatesFor(deps: { sealer: Sealer; logger: Pick<DomainLogger, 'error'> }): KeyCertificates {
  let certificates = certificatesBySealer.get(deps.sealer);
  if (!certificates) {
    certificates = new KeyCertificates(deps.sealer, deps.logger);
    certificatesBySealer.set(deps.sealer, certificates);
  }
  return certificates;
}

/** The certificates name the tenant's host, as Auth0's name the tenant's domain (and as /api/v2/keys/signing does). */
export function certificateCommonName(tenantUrl: string): string {
  return new URL(tenantUrl).hostname;
}
