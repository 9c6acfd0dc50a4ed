import { beforeAll } from '@jest/globals';
import { createClient } from '../../src/domain/clients.js';
import type { SignedInDashboard } from './browser_fitgate.js';

/** A regular web application on the default tenant of a signed-in dashboard's fitgate. */
export interface DashboardApplication {
  readonly clientId: string;
  /** The clients the default tenant's fitbit connection is enabled for, as stored. */
  fitbitEnabledClients(): Promise<string[] | undefined>;
}

/**
 * Creates the application `name` in a beforeAll that runs after the dashboard's (so call this after
 * useSignedInDashboard()). The handle reads what was created, so use it inside tests and hooks only.
 */
export function useDashboardApplication(dashboard: SignedInDashboard, name: string): DashboardApplication {
  let clientId: string | undefined;
  beforeAll(async () => {
    const { client } = await createClient(dashboard.fitgate.store.clients, { tenant: 'default', name, appType: 'regular_web', callbacks: ['https://app.example/callback'] });
    clientId = client.clientId;
  });
  return {
    get clientId() {
      if (!clientId) throw new Error('no application yet: read it inside a test or hook of the file that called useDashboardApplication()');
      return clientId;
    },
    fitbitEnabledClients: async () => (await dashboard.fitgate.store.connections.getByName('default', 'fitbit'))?.enabledClients,
  };
}
