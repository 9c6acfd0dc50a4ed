import type { Request, RequestHandler, Response } from 'express';
import { issuerOf } from '../domain/tenants.js';
import { cachedPerTenantHost } from './public_tenant_cache.js';
import { views } from './views.js';

/**
 * GET / on a tenant's host (the base host, NAME.<base host> or an own domain): a short page saying
 * what answers here, for the person who opens the address `npm start` prints or the one an SDK is
 * configured with, with the way to the dashboard and the discovery document. It reads nothing but
 * the tenant resolved from the Host and starts no session.
 */
export function tenantHomePage(): RequestHandler {
  return (req: Request, res: Response) => {
    const { tenant, tenantUrl } = req.context;
    const html = views().render('home/tenant_home', { tenantName: tenant.name, issuer: issuerOf(tenantUrl) });
    // The same page for every visitor of a host (it shows only what discovery publishes): cached as discovery is.
    cachedPerTenantHost(res).status(200).type('html').send(html);
  };
}
