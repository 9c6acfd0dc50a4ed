/**
 * Every Redis key fitgate writes: `<global prefix><kind>:<parts>`, one kind per record type or
 * index, so `SCAN MATCH fitgate:user:*` sees users only and a test's unique global prefix isolates
 * it completely. Tenant names are DNS labels (no ":"); free-form parts that could contain ":" are
 * URI-encoded so two different records never share a key.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  tenant = (name: string): string => this.key('tenant', name);
  tenantList = (): string => this.key('tenant_list');
  tenantDomain = (host: string): string => this.key('tenant_domain', host.toLowerCase());
  /** Bumped on every change of tenants, clients and connections: the in-process caches' signal. */
  configVersion = (): string => this.key('config_version');

  client = (tenant: string, clientId: string): string => this.key('client', tenant, clientId);
  clientList = (tenant: string): string => this.key('client_list', tenant);

  connection = (tenant: string, id: string): string => this.key('connection', tenant, id);
  connectionName = (tenant: string, name: string): string => this.key('connection_name', tenant, encode(name));
  connectionList = (tenant: string): string => this.key('connection_list', tenant);

  user = (tenant: string, userId: string): string => this.key('user', tenant, userId);
  userList = (tenant: string): string => this.key('user_list', tenant);
  userIdentity = (tenant: string, connection: string, upstreamId: string): string =>
    this.key('user_identity', tenant, encode(connection), upstreamId);
  userSearch = (tenant: string): string => this.key('user_search', tenant);
  /** Lexicographic set of "<field>\u0001<value>\0<user id>" for structured search. */
  userFieldTerms = (tenant: string): string => this.key('user_field', tenant);
  /** Set once the tenant's users stored before the field index existed have been indexed. */
  userFieldTermsComplete = (tenant: string): string => this.key('user_field_complete', tenant);

  admin = (email: string): string => this.key('admin', email.toLowerCase());
  adminList = (): string => this.key('admin_list');
  adminTenant = (tenant: string): string => this.key('admin_tenant', tenant);

  log = (tenant: string, id: string): string => this.key('log', tenant, id);
  logList = (tenant: string): string => this.key('log_list', tenant);
  logsByType = (tenant: string, type: string): string => this.key('log_type', tenant, encode(type));
  logsByUser = (tenant: string, userId: string): string => this.key('log_user', tenant, encode(userId));
  logsByUserAndType = (tenant: string, userId: string, type: string): string =>
    this.key('log_user_type', tenant, encode(userId), encode(type));

  /** Hash: document key → its sealed values per master key id (what the next write subtracts). */
  sealedUsage = (): string => this.key('sealed_usage');
  /** Hash: master key id → sealed values under it, over every document. */
  sealedKeyCounts = (): string => this.key('sealed_key_counts');
  /** Set once every document written before the counts existed has been counted. */
  sealedUsageComplete = (): string => this.key('sealed_usage_complete');
  /** Set once a one-time data step (e.g. "implicit_grant") has run over every record it concerns. */
  dataStepDone = (name: string): string => this.key('data_step_done', name);

  /** When this store was first set up (ISO time); its absence while running means Redis lost the data. */
  storeMarker = (): string => this.key('meta', 'store');
  /** Written with a short TTL by /health/ready, to learn whether Redis accepts writes (not full). */
  writeProbe = (): string => this.key('meta', 'write_probe');

  ephemeral = (kind: string, key: string): string => this.key(kind, key);
  lock = (name: string): string => this.key('lock', name);
  counter = (key: string): string => this.key('counter', key);
  sessionPrefix = (): string => `${this.prefix}sess:`;
  rateLimitPrefix = (name: string): string => this.key('ratelimit', name);

  private key(kind: string, ...parts: string[]): string {
    return [`${this.prefix}${kind}`, ...parts].join(':');
  }
}

function encode(part: string): string {
  return encodeURIComponent(part);
}
