import type { Config } from '../config/index.js';
import { BadRequestError, ConflictError } from '../errors/index.js';
import { AlreadyExistsError, type Sealer, type TenantRepository } from './ports.js';
import { generateSigningKey } from './signing_keys.js';
import type { Tenant } from './types.js';

/** The tenant of the bare base host, created at first start. */
export const DEFAULT_TENANT = 'default';

// A tenant name is the first label of its host (NAME.<base host>), so it must be a DNS label: lower
// case letters, digits and inner hyphens. At least three characters, starting with a letter, and no
// "--" (reserved for IDNA "xn--" labels).
const TENANT_NAME = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;

/** Labels people expect to mean something else on a shared domain, and fitgate's own. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  DEFAULT_TENANT,
  'admin',
  'api',
  'app',
  'auth',
  'cdn',
  'dashboard',
  'docs',
  'fitgate',
  'health',
  'localhost',
  'login',
  'mail',
  'manage',
  'static',
  'status',
  'www',
]);

/** Why `name` cannot be a new tenant's name, or undefined when it can. */
export function tenantNameProblem(name: string): string | undefined {
  if (!TENANT_NAME.test(name) || name.includes('--')) {
    return 'must be 3-63 lower case letters, digits or single hyphens, starting with a letter and not ending with a hyphen';
  }
  if (RESERVED_NAMES.has(name)) return `"${name}" is reserved`;
  return undefined;
}

/**
 * A tenant's external URL as DESIGN.md defines it: the public URL for `default`, otherwise
 * NAME.<base host> with the public URL's scheme (and any path it has). No trailing slash.
 */
export function tenantUrl(config: Pick<Config, 'publicUrl' | 'baseHost'>, name: string): string {
  if (name === DEFAULT_TENANT) return config.publicUrl;
  const url = new URL(config.publicUrl);
  return `${url.protocol}//${name}.${config.baseHost}${url.pathname.replace(/\/+$/, '')}`;
}

/** The issuer identifier of a tenant: its URL with a trailing slash, as Auth0 writes it. */
export function issuerOf(tenantUrl: string): string {
  return `${tenantUrl}/`;
}

/**
 * The audience of a tenant's Management API access tokens (Auth0's "https://TENANT/api/v2/"): what
 * the token endpoint issues for, the Management API checks, and the dashboard shows an application.
 */
export function managementApiAudience(tenantUrl: string): string {
  return `${tenantUrl}/api/v2/`;
}

/** Where the upstream sends a tenant's users back (DESIGN.md); admins register it upstream. */
export function callbackUrl(config: Pick<Config, 'publicUrl' | 'baseHost'>, name: string): string {
  return callbackUrlOf(tenantUrl(config, name));
}

/** The upstream callback URL of the tenant at `tenantUrl` (its base URL or one of its own domains). */
export function callbackUrlOf(tenantUrl: string): string {
  return `${tenantUrl}/login/callback`;
}

/**
 * A tenant record with its first signing key and the next one, published before it ever signs
 * (src/domain/signing_key_rotation.ts); stores nothing.
 */
export async function buildTenant(name: string, sealer: Sealer, now = new Date()): Promise<Tenant> {
  const [current, next] = await Promise.all([generateSigningKey(sealer, now), generateSigningKey(sealer, now)]);
  return {
    name,
    domains: [],
    signingKeys: [
      { ...current, status: 'current', currentSince: now.toISOString() },
      { ...next, status: 'next' },
    ],
    createdAt: now.toISOString(),
  };
}

/**
 * Creates a tenant an admin asked for. Throws BadRequestError (code invalid_tenant_name) for a name
 * that is not a valid, unreserved DNS label and ConflictError (tenant_exists) when it is taken.
 */
export async function createTenant(deps: { tenants: TenantRepository; sealer: Sealer }, name: string): Promise<Tenant> {
  const problem = tenantNameProblem(name);
  if (problem) throw new BadRequestError(`Tenant name ${problem}.`, 'invalid_tenant_name');
  const tenant = await buildTenant(name, deps.sealer);
  try {
    await deps.tenants.create(tenant);
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw new ConflictError(`A tenant named "${name}" already exists.`, 'tenant_exists');
    throw error;
  }
  return tenant;
}
