import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { proxiedSandbox } from '../../../src/cluster/sandbox_proxy.js';
import type { TestApp } from '../http/app_fixture.js';

/** The default tenant's host in the app fixture (base host localhost:3000). */
export const TENANT_HOST = 'localhost:3000';

/**
 * The fitgate app as a worker builds it, its /_sandbox passed through to the emulator at
 * `emulatorUrl` (the primary's, or a stand-in). Each call has a connection pool of its own.
 */
export function appProxyingTo(fixture: TestApp, emulatorUrl: string): Express {
  const link = { sandbox: { url: emulatorUrl, credentials: [] }, allowSandboxCallback: async () => undefined };
  return createApp({ ...fixture.deps, sandbox: proxiedSandbox(fixture.config, fixture.store, link) });
}
