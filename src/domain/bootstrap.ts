import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.js';
import { firstCredentialVersion } from './admin_credentials.js';
import { createClient, verifyClientSecret } from './clients.js';
import { MANAGEMENT_API_SCOPES } from './management_scopes.js';
import { firstPlugin, newConnection, newConnectionOptions, type PluginDefaults } from './new_connection.js';
import { hashPassword } from './passwords.js';
import {
  AlreadyExistsError,
  type AdminRepository,
  type ClientRepository,
  type ConnectionRepository,
  type Sealer,
  type TenantRepository,
} from './ports.js';
import { buildTenant, DEFAULT_TENANT, tenantUrl } from './tenants.js';

/** The email of the generated admin when FITGATE_ADMIN_EMAIL is not set. */
export const GENERATED_ADMIN_EMAIL = 'admin@fitgate.local';

export interface BootstrapDeps {
  config: Pick<Config, 'publicUrl' | 'baseHost' | 'admin' | 'bootstrapClient'>;
  store: {
    tenants: TenantRepository;
    admins: AdminRepository;
    connections: ConnectionRepository;
    clients: ClientRepository;
    /**
     * Records that the store holds fitgate's data, so its loss is noticed: by /health/ready on Redis,
     * by the next start and by cluster workers on the embedded store. Rejects, before anything is
     * created, when the store shows it lost the data a previous start set up (a fitgate.db emptied
     * under an existing data directory): a new tenant there would silently replace the old one.
     */
    markInitialised?(): Promise<void>;
  };
  sealer: Sealer;
  /** The connection plugins by strategy, as the app gets them: the first one's connection is created on first start. */
  plugins: ReadonlyMap<string, PluginDefaults>;
}

export interface BootstrapResult {
  /** Where the admin signs in: <default tenant URL>/manage. */
  dashboardUrl: string;
  /** What this start created; empty on every start after the first. */
  created: Array<'tenant' | 'admin' | 'connection' | 'client'>;
  /** The admin created by this start, and its password only when fitgate generated it (print once). */
  admin?: { email: string; generatedPassword?: string };
  /** Set when FITGATE_BOOTSTRAP_CLIENT_SECRET no longer matches the stored client's secret. */
  clientSecretIgnored?: boolean;
}

/**
 * First start: the `default` tenant with its signing key and a sandbox connection of the first
 * plugin (named like its strategy, as the dashboard looks it up), its first admin, and the
 * machine-to-machine client when FITGATE_BOOTSTRAP_CLIENT_ID/SECRET are set.
 * Every start first marks the store as set up (kept when already marked): here, and not whenever a
 * store is opened, so that a worker replaced or an `npm run admin` run while Redis has lost the data
 * does not hide the loss from /health/ready. Marking is also where a store that lost its data
 * refuses the start, so nothing below runs on it.
 * Idempotent: every later start finds what exists and creates nothing, keeps the stored admin
 * password and client secret as they are, and never re-creates a connection an admin deleted.
 * Two instances starting together on one Redis are safe: the store's create refuses the second
 * record (AlreadyExistsError), and the loser reports nothing as created, so only one prints a
 * password.
 */
export async function bootstrap(deps: BootstrapDeps): Promise<BootstrapResult> {
  const { config, store } = deps;
  const result: BootstrapResult = { dashboardUrl: `${tenantUrl(config, DEFAULT_TENANT)}/manage`, created: [] };
  await store.markInitialised?.();

  if (await createDefaultTenant(deps)) {
    result.created.push('tenant');
    const plugin = firstPlugin(deps.plugins);
    if (plugin && (await createIfAbsent(() => store.connections.create(newConnection(DEFAULT_TENANT, plugin, newConnectionOptions(plugin)))))) result.created.push('connection');
  }

  const admin = await createFirstAdmin(deps);
  if (admin) {
    result.created.push('admin');
    result.admin = admin;
  }

  if (config.bootstrapClient) {
    const { clientId, clientSecret } = config.bootstrapClient;
    const existing = await store.clients.get(DEFAULT_TENANT, clientId);
    if (!existing) {
      const created = await createIfAbsent(() =>
        createClient(store.clients, {
          tenant: DEFAULT_TENANT,
          clientId,
          clientSecret,
          name: 'Bootstrap (machine to machine)',
          appType: 'non_interactive',
          grantTypes: ['client_credentials'],
          managementScopes: [...MANAGEMENT_API_SCOPES],
        }),
      );
      if (created) result.created.push('client');
    } else if (!verifyClientSecret(existing, clientSecret)) {
      result.clientSecretIgnored = true;
    }
  }
  return result;
}

async function createDefaultTenant(deps: BootstrapDeps): Promise<boolean> {
  if (await deps.store.tenants.get(DEFAULT_TENANT)) return false;
  const tenant = await buildTenant(DEFAULT_TENANT, deps.sealer);
  return createIfAbsent(() => deps.store.tenants.create(tenant));
}

/**
 * The configured admin when it does not exist yet; otherwise, when the default tenant has no
 * admin at all, one with a generated password. A stored admin is never changed.
 */
async function createFirstAdmin(deps: BootstrapDeps): Promise<BootstrapResult['admin']> {
  const { admin } = deps.config;
  const email = (admin.email ?? GENERATED_ADMIN_EMAIL).toLowerCase();
  if (await deps.store.admins.get(email)) return undefined;
  if (!admin.email && (await deps.store.admins.listByTenant(DEFAULT_TENANT)).length > 0) return undefined;

  const generatedPassword = admin.password ? undefined : randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(admin.password ?? (generatedPassword as string));
  const created = await createIfAbsent(() =>
    deps.store.admins.create({ email, passwordHash, tenants: [DEFAULT_TENANT], createdAt: new Date().toISOString(), credentialVersion: firstCredentialVersion() }),
  );
  if (!created) return undefined;
  return generatedPassword ? { email, generatedPassword } : { email };
}

/** Runs a create; false when another instance created the same record first. */
async function createIfAbsent(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (error instanceof AlreadyExistsError) return false;
    throw error;
  }
}
