import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';

/**
 * The Management API v2, mounted at /api/v2 with errors in Auth0's JSON shape. Empty until its
 * owner lands the routes; every path under it is a Management-shaped 404 meanwhile.
 */
export function createManagementRouter(_deps: AppDeps): Router {
  return Router();
}
