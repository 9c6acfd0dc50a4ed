import type { Config } from '../config/index.js';
import type { Sealer, TenantRepository } from './ports.js';
import { generateSigningKey } from './signing_keys.js';
import { tenantHostOf } from './tenant_host.js';
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
 * A tenant's external URL as README.md defines it (FITGATE_PUBLIC_URL): the public URL for `default`, otherwise
 * NAME.<base host> with the public URL's scheme (and any path it has). No trailing slash.
 */
export function tenantUrl(config: Pick<Config, 'publicUrl' | 'baseHost'>, name: string): string {
  if (name === DEFAULT_TENANT) return config.publicUrl;
  const url = new URL(config.publicUrl);
  return `${url.protocol}//${name}.${config.baseHost}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The tenant URL at one of a tenant's own domains (`host`, with a port if it has one): the public
 * URL's scheme (and any path it has), as for NAME.<base host>. No trailing slash. The host is taken
 * in the form a request's Host finds the tenant by (tenantHostOf), however it was written.
 */
export function ownDomainUrl(config: Pick<Config, 'publicUrl'>, host: string): string {
  const url = new URL(config.publicUrl);
  return `${url.protocol}//${tenantHostOf(host, url.protocol)}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Every URL the tenant is reached at now: NAME.<base host> (the public URL for `default`) and one per
 * own domain, each once. A URL not among them (a domain given up, a base host changed) is no longer
 * the tenant's to sign for: it may be another tenant's by now.
 */
export function tenantUrlsOf(config: Pick<Config, 'publicUrl' | 'baseHost'>, tenant: Pick<Tenant, 'name' | 'domains'>): string[] {
  return [...new Set([tenantUrl(config, tenant.name), ...tenant.domains.map((domain) => ownDomainUrl(config, domain))])];
}

/** The host a request came in on: the tenant it belongs to and that host's tenant URL (http's TenantContext). */
export interface TenantHost {
  readonly tenant: Pick<Tenant, 'name'>;
  readonly tenantUrl: string;
}

/**
 * The tenant URLs a token presented at `at` (the host a request came in on) may have been issued
 * under: that host's first, then the tenant's others (tenantUrlsOf), each once. A user's tokens name
 * the host of its sign-in (authn/tokens/grant_tenant_url.ts), which need not be the host the
 * application calls back: /userinfo, logout's id_token_hint and /oauth/token's audience take each.
 */
export function tenantUrlsServed(
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
  at: TenantHost & { readonly tenant: Pick<Tenant, 'name' | 'domains'> },
): string[] {
  return [...new Set([at.tenantUrl, ...tenantUrlsOf(config, at.tenant)])];
}

/**
 * The tenant URL an upstream round trip through one of `tenant`'s connections comes back to: its
 * callback URL (callbackUrlOf) is the redirect_uri the upstream is sent at authorize and again with
 * the code. Every round trip picks it here, a user's login and an admin's TRY alike, at the start
 * and at the callback, so the two halves always agree:
 *
 * - on one of the tenant's own hosts (NAME.<base host>, the base host for `default`, or one of its
 *   own domains: `from`, the request's host), that host's URL. The browser comes back where it left
 *   (a login's binding cookie is there), and a tenant with its own domain gets that domain's
 *   callback URL for a login and for a TRY begun there alike;
 * - elsewhere (an admin managing the tenant from another tenant's host) or with no request at all
 *   (the vault refreshing a token), the tenant's URL, whose callback URL the dashboard shows to register.
 */
export function roundTripTenantUrl(config: Pick<Config, 'publicUrl' | 'baseHost'>, tenant: string, from?: TenantHost): string {
  return from?.tenant.name === tenant ? from.tenantUrl : tenantUrl(config, tenant);
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

/** Where the upstream sends a tenant's users back (docs/connections.md); admins register it upstream. */
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

/** The tenant created, or nothing stored and why the name cannot be a tenant's (tenantNameProblem). */
export type NewTenantOutcome = { ok: true; tenant: Tenant } | { ok: false; problem: string };

/**
 * Creates a tenant an admin asked for, unless its name is not a valid, unreserved DNS label. Throws
 * the store's AlreadyExistsError when the name is taken. The caller words either refusal: the
 * domain does not choose which surface answers, nor in which error format.
 */
export async function createTenant(deps: { tenants: Pick<TenantRepository, 'create'>; sealer: Sealer }, name: string): Promise<NewTenantOutcome> {
  const problem = tenantNameProblem(name);
  if (problem) return { ok: false, problem };
  const tenant = await buildTenant(name, deps.sealer);
  await deps.tenants.create(tenant);
  return { ok: true, tenant };
}
