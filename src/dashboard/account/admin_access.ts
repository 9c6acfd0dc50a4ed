import type { NextFunction, Request, Response } from 'express';
import type { AdminAccount, Tenant } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { NotFoundError } from '../../errors/index.js';
import { signedInEmail, signedInUnderCurrentCredentials } from './admin_session.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in admin, loaded from the store on every dashboard request. */
    admin?: AdminAccount;
    /** The tenant a /manage/t/:tenant/... page manages, once the admin is known to manage it. */
    managedTenant?: Tenant;
  }
}

/**
 * Loads the signed-in admin from the store on each request, so an admin removed from a tenant loses
 * access at once rather than when the session ends, and a session signed in before the account's
 * password was last set counts as signed out.
 */
export function loadAdmin(store: Store) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const email = signedInEmail(req);
    const admin = email ? await store.admins.get(email) : undefined;
    if (admin?.passwordHash && signedInUnderCurrentCredentials(req, admin)) {
      res.locals.admin = admin;
      res.locals.dashboard = { ...res.locals.dashboard, adminEmail: admin.email, adminTenants: [...admin.tenants].sort() };
    }
    next();
  };
}

/** Sends people who are not signed in to the sign-in page, remembering where they were going. */
export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.admin) return next();
  const target = req.method === 'GET' ? req.originalUrl : '/manage';
  res.redirect(303, `/manage/login?next=${encodeURIComponent(target)}`);
}

/**
 * Guards every /manage/t/:tenant/... route. A tenant the admin does not manage answers exactly like a
 * tenant that does not exist (404), so guessing names reveals nothing.
 */
export function requireTenantAdmin(store: Store) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const name = typeof req.params.tenant === 'string' ? req.params.tenant : '';
    const tenant = res.locals.admin?.tenants.includes(name) ? await store.tenants.get(name) : undefined;
    if (!tenant) throw new NotFoundError('There is no such tenant among the ones you manage.');
    res.locals.managedTenant = tenant;
    res.locals.dashboard = { ...res.locals.dashboard, tenant: tenant.name };
    next();
  };
}
