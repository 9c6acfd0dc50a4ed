import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { certificateCommonName, keyCertificatesFor } from '../../domain/key_certificate_cache.js';
import { signingKeyCertificate } from '../../domain/signing_key_certificate.js';
import { revokeSigningKey, rotateSigningKey, type SigningKeyDeps } from '../../domain/signing_key_changes.js';
import { BadRequestError, ResourceNotFoundError } from '../../errors/index.js';
import { pathParam } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { keysInOrder, signingKeyJson, signingKeySummary, type CertificateOf } from './signing_key_json.js';

/** What this file reads of the app's dependencies. */
type SigningKeyRouteDeps = Pick<AppDeps, 'store' | 'sealer' | 'logger'>;

/**
 * Certificates naming the tenant's host, as Auth0's name the tenant's domain: the ones the JWKS
 * built and caches. A key whose certificate cannot be built is built again here, so the answer is
 * the error itself rather than a key without its certificate.
 */
function certificatesFor(req: Request, deps: SigningKeyRouteDeps): CertificateOf {
  const commonName = certificateCommonName(req.context.tenantUrl);
  const cache = keyCertificatesFor(deps);
  return (key) => cache.certificate(key, commonName) ?? signingKeyCertificate(key, deps.sealer, commonName);
}

function keyNotFound(kid: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`The signing key does not exist: ${kid}`, 'inexistent_signing_key');
}

async function list(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const certificateOf = certificatesFor(req, deps);
  return { body: keysInOrder(req.context.tenant).map((entry) => signingKeyJson(entry, certificateOf)) };
}

async function get(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const kid = pathParam(req, 'kid');
  const entry = keysInOrder(req.context.tenant).find(({ key }) => key.kid === kid);
  if (!entry) throw keyNotFound(kid);
  return { body: signingKeyJson(entry, certificatesFor(req, deps)) };
}

async function rotate(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const current = await rotateSigningKey(keyDeps(deps), req.context.tenant.name);
  return { status: 201, body: signingKeySummary(current, certificatesFor(req, deps)), auditDetails: { kid: current.kid } };
}

async function revoke(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const kid = pathParam(req, 'kid');
  const result = await revokeSigningKey(keyDeps(deps), req.context.tenant.name, kid);
  if (result === 'not_found') throw keyNotFound(kid);
  if (result === 'in_use') {
    throw new BadRequestError(
      'Only a previously used signing key can be revoked: rotate first, so that this key is no longer the current or the next one.',
      'invalid_signing_key_state',
    );
  }
  return { body: signingKeySummary(result, certificatesFor(req, deps)), auditDetails: { kid } };
}

function keyDeps(deps: SigningKeyRouteDeps): SigningKeyDeps {
  return { tenants: deps.store.tenants, locks: deps.store.locks, sealer: deps.sealer };
}

export const signingKeyRoutes: ManagementRoute[] = [
  // Auth0's list of signing keys takes no parameter at all.
  { method: 'get', path: '/keys/signing', scopes: ['read:signing_keys'], query: [], handle: list },
  { method: 'post', path: '/keys/signing/rotate', scopes: ['create:signing_keys'], audit: CONFIG_CHANGES.rotateSigningKey, handle: rotate },
  { method: 'get', path: '/keys/signing/:kid', scopes: ['read:signing_keys'], handle: get },
  {
    method: 'put',
    path: '/keys/signing/:kid/revoke',
    scopes: ['update:signing_keys'],
    audit: CONFIG_CHANGES.revokeSigningKey,
    handle: revoke,
  },
];
