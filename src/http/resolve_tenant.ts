import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config/index.js';
import type { OutageRead, TenantRepository } from '../domain/ports.js';
import { tenantHostOf } from '../domain/tenant_host.js';
import { DEFAULT_TENANT, ownDomainUrl, tenantUrl } from '../domain/tenants.js';
import type { Tenant } from '../domain/types.js';
import { StoreDataLostError } from '../errors/index.js';
import type { TenantContext } from './request_context.js';
import { sharedCheck } from './shared_check.js';
import { unknownHostError } from './unknown_host.js';

/** A tenant is public metadata (its name, URLs and public keys are what discovery publishes). */
const OUTAGE_COPY: OutageRead = { stale: 'allowed' };

/**
 * How long one check of the store's data answers every request that finds no tenant: a flood of
 * unknown hosts (scanners asking by IP) is then one store read a second, and a restored store is
 * seen within it.
 */
export const LOST_DATA_REUSE_MS = 1000;

/**
 * Finds the tenant a request is for from its Host (docs/architecture.md, "The request pipeline"): the bare base host
 * is `default`, NAME.<base host> is tenant NAME, and any other host must be one of a tenant's own
 * domains. Anything else is a 404 page: an unknown host never falls back to the default tenant, or a
 * typo'd tenant URL would sign people in to the wrong tenant. The page says which hosts fitgate does
 * serve (unknown_host.ts). Behind a proxy the host comes from
 * X-Forwarded-Host only when FITGATE_TRUST_PROXY says so (Express's req.host).
 *
 * While the store cannot be reached, the tenant is the process's copy as last read (OUTAGE_COPY), so
 * discovery, the JWKS and /authorize's store-down redirect still answer; the later reads that
 * authenticate or authorise (clients, tokens) refuse the copy, and fail with the store.
 *
 * `lostData` (Store.lostData) is asked only when no tenant is found: a store that lost fitgate's
 * data finds none anywhere, and is answered 503 with the cause (StoreDataLostError) instead of the
 * 404, whose advice (check the address, open the dashboard) cannot help. A request that finds its
 * tenant costs nothing more. A check that fails (the store out of reach) leaves the 404.
 */
export function resolveTenant(
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
  tenants: TenantRepository,
  lostData?: () => Promise<string | undefined>,
): RequestHandler {
  const { protocol } = new URL(config.publicUrl);
  const baseHost = tenantHostOf(config.baseHost, protocol);
  const dataLost = lostData && sharedCheck(() => lostData().catch(() => undefined), LOST_DATA_REUSE_MS);

  function notFound(host: string, next: NextFunction): void {
    const error = unknownHostError(host, baseHost, config);
    if (!dataLost) return next(error);
    dataLost().then((state) => next(state === undefined ? error : new StoreDataLostError(state)), () => next(error));
  }

  async function find(host: string): Promise<TenantContext | undefined> {
    if (host === baseHost) return withUrl(await tenants.get(DEFAULT_TENANT, OUTAGE_COPY), config.publicUrl);
    if (host.endsWith(`.${baseHost}`)) {
      const name = host.slice(0, -baseHost.length - 1);
      if (name.includes('.') || name === DEFAULT_TENANT) return undefined;
      return withUrl(await tenants.get(name, OUTAGE_COPY), tenantUrl(config, name));
    }
    return withUrl(await tenants.findByDomain(host, OUTAGE_COPY), ownDomainUrl(config, host));
  }

  return (req: Request, _res: Response, next: NextFunction) => {
    const host = tenantHostOf(req.host ?? '', protocol);
    find(host).then(
      (context) => {
        if (!context) return notFound(host, next);
        req.context = context;
        next();
      },
      next,
    );
  };
}

function withUrl(tenant: Tenant | undefined, url: string): TenantContext | undefined {
  return tenant ? { tenant, tenantUrl: url } : undefined;
}
