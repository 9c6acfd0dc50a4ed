import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { discoveryDocument } from './discovery_document.js';
import { certificateCommonName, keyCertificatesFor } from '../../domain/key_certificate_cache.js';
import { cachedPerTenantHost } from '../../http/public_tenant_cache.js';
import { tenantJwks } from '../keys/jwks.js';

export function openidConfigurationEndpoint(): RequestHandler {
  return (req: Request, res: Response) => {
    cachedPerTenantHost(res).json(discoveryDocument(req.context.tenantUrl));
  };
}

export function jwksEndpoint(deps: Pick<AppDeps, 'sealer' | 'logger'>): RequestHandler {
  const certificates = keyCertificatesFor(deps);
  return (req: Request, res: Response) => {
    const commonName = certificateCommonName(req.context.tenantUrl);
    const jwks = tenantJwks(req.context.tenant, (key) => certificates.certificate(key, commonName));
    cachedPerTenantHost(res).json(jwks);
  };
}
