import type { AppDeps } from '../app_deps.js';
import type { RemovalDeps } from '../domain/identity_removal.js';
import type { TokenVault } from '../domain/token_vault.js';
import type { NewLogEvent } from '../domain/token_vault_deps.js';
import type { Services } from '../services.js';

/** What the Management API's handlers use: the app's deps and its shared services (src/services.ts). */
export interface ManagementServices {
  deps: AppDeps;
  vault: TokenVault;
  removal: RemovalDeps;
  recordEvent: (event: NewLogEvent) => Promise<void>;
}

export function managementServices(deps: AppDeps, services: Services): ManagementServices {
  return { deps, vault: services.vault, removal: services.removal, recordEvent: services.recordEvent };
}
