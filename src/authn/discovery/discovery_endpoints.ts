import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { discoveryDocument } from './discovery_document.js';
import { certificateCommonName, keyCertificatesFor } from '../../domain/key_certificate_cache.js';
import { tenantJwks } from '../keys/jwks.js';

/**
 * Public metadata may be cached briefly. A relying party that meets a kid missing from its cached
 * JWKS fetches it again (jose, openid-client and Auth0's SDKs all do), so caching never locks out a
 * newly rotated key.
 */
export const PUBLIC_METADATA_CACHE = 'public, max-age=300';

export function openidConfigurationEndpoint(): RequestHandler {
  return (req: Request, res: Response) => {
    res.set('Cache-Control', PUBLIC_METADATA_CACHE).json(discoveryDocument(req.context.tenantUrl));
  };
}

export function jwksEndpoint(deps: Pick<AppDeps, 'sealer' | 'logger'>): RequestHandler {
  const certificates = keyCertificatesFor(deps);
  return (req: Request, res: Response) => {
    const commonName = certificateCommonName(req.context.tenantUrl);
    const jwks = tenantJwks(req.context.tenant, (key) => certificates.certificate(key, commonName));
    res.set('Cache-Control', PUBLIC_METADATA_CACHE).json(jwks);
  };
}
