import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import type { AppDeps } from '../../src/app_deps.js';
import { loadConfig } from '../../src/config/index.js';
import { buildTenant, tenantUrl } from '../../src/domain/tenants.js';
import { createLogger } from '../../src/logging/index.js';
import { createSealer } from '../../src/store/sealing.js';
import type { Store } from '../../src/store/store.js';

export interface AppOnOwnTenant {
  readonly app: Express;
  /** The Host header that reaches the tenant. */
  readonly host: string;
  readonly tenant: string;
}

/**
 * The whole app on a store the test opened, with a new tenant of its own (named `prefix` and a
 * random suffix) and fresh secrets. The proxy is trusted, so each request can come from an address
 * of its choosing through X-Forwarded-For.
 */
export async function appOnOwnTenant(
  store: Store,
  prefix: string,
  environment: Record<string, string>,
  extra: Pick<AppDeps, 'metrics'> = {},
): Promise<AppOnOwnTenant> {
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_DATA_DIR: '/nonexistent',
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    FITGATE_TRUST_PROXY: 'true',
    LOG_LEVEL: 'silent',
    ...environment,
  });
  const sealer = createSealer(config.masterKeys);
  const tenant = await buildTenant(`${prefix}${randomBytes(3).toString('hex')}`, sealer);
  await store.tenants.create(tenant);
  const app = createApp({ config, store, sealer, logger: createLogger({ level: 'silent' }), plugins: new Map(), internalBaseUrl: () => '', ...extra });
  return { app, host: new URL(tenantUrl(config, tenant.name)).host, tenant: tenant.name };
}
