import { clientGrantRoutes } from './client_grants/client_grant_routes.js';
import { clientRoutes } from './clients/client_routes.js';
import { connectionRoutes } from './connections/connection_routes.js';
import { enabledClientsRoutes } from './connections/enabled_clients_routes.js';
import { grantRoutes } from './grants/grant_routes.js';
import { signingKeyRoutes } from './keys/signing_key_routes.js';
import { logRoutes } from './logs/log_routes.js';
import type { ManagementRoute } from './route.js';
import { tenantSettingsRoutes } from './tenants/tenant_settings_routes.js';
import { userRoutes } from './users/user_routes.js';

/** Every /api/v2 endpoint. The router mounts exactly these, and the authorisation tests walk them. */
export const MANAGEMENT_ROUTES: readonly ManagementRoute[] = [
  ...clientRoutes,
  ...clientGrantRoutes,
  ...connectionRoutes,
  ...enabledClientsRoutes,
  ...userRoutes,
  ...grantRoutes,
  ...logRoutes,
  ...signingKeyRoutes,
  ...tenantSettingsRoutes,
];
