import type { Tenant } from '../domain/types.js';

/** What the tenant-resolution middleware puts on every request before any router runs. */
export interface TenantContext {
  tenant: Tenant;
  /** The tenant's external URL without a trailing slash, e.g. "http://acme.localhost:3000". */
  tenantUrl: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by http/resolve_tenant.ts; absent only on routes mounted before it (/health). */
    context: TenantContext;
  }
}
