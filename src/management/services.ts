import type { AppDeps } from '../app_deps.js';
import type { Services } from '../services.js';

/** What the Management API's handlers use: the app's shared services (src/services.ts) and its deps. */
export type ManagementServices = Services & { readonly deps: AppDeps };

export function managementServices(deps: AppDeps, services: Services): ManagementServices {
  return { ...services, deps };
}
