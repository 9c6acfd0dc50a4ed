import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { currentSigningKey } from '../../domain/signing_key_rotation.js';
import { ServerError } from '../../errors/index.js';
import { certificateCommonName, keyCertificatesFor } from '../../domain/key_certificate_cache.js';
import { cachedPerTenantHost } from '../../http/public_tenant_cache.js';

/** Auth0's paths for the current signing key's certificate: `/pem` (PEM text) and `/cer` (DER bytes). */
export type CertificateFormat = 'pem' | 'cer';

const CONTENT_TYPES: Record<CertificateFormat, string> = {
  pem: 'application/x-pem-file',
  // RFC 2585's type for a DER certificate.
  cer: 'application/pkix-cert',
};

/**
 * The certificate of the key that signs now, the one x5c carries in the JWKS, for apps and gateways
 * configured with a certificate file rather than the JWKS. Auth0 answers these with the current key
 * whatever the query says, and so does this. Cached as the JWKS is, for the same five minutes: a
 * rotation makes a held certificate stale whatever its cache says (the JWKS, which publishes the next
 * key before it signs, is what spares a client that).
 */
export function signingCertificateEndpoint(deps: Pick<AppDeps, 'sealer' | 'logger'>, format: CertificateFormat): RequestHandler {
  const certificates = keyCertificatesFor(deps);
  return (req: Request, res: Response) => {
    const { tenant, tenantUrl } = req.context;
    const key = currentSigningKey(tenant);
    const commonName = certificateCommonName(tenantUrl);
    const certificate = key && certificates.certificate(key, commonName);
    if (!certificate) throw new ServerError(`tenant ${tenant.name} has no certificate for its current signing key`);
    const body = format === 'pem' ? `${certificate.pem}\r\n` : Buffer.from(certificate.der, 'base64');
    // attachment() also guesses a type from the file name; the explicit type is set after it.
    cachedPerTenantHost(res)
      .attachment(`${commonName}.${format}`)
      .set('Content-Type', CONTENT_TYPES[format])
      .send(body);
  };
}
