import type { Request, RequestHandler, Response } from 'express';
import { issuerOf } from '../domain/tenants.js';
import { views } from './views.js';

/**
 * The same page for every visitor of a host (it shows only what discovery publishes), so browsers
 * and shared caches may keep it as long as discovery's metadata.
 */
const HOME_CACHE = 'public, max-age=300';

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
    res.status(200).set('Cache-Control', HOME_CACHE).type('html').send(html);
  };
}
