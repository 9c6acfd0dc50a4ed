/**
 * The records fitgate keeps. Plain data, no behaviour and no HTTP: the store persists them as they
 * are, the API layers map them to Auth0's JSON shapes. Timestamps are ISO-8601 strings; fields that
 * hold secrets are `Sealed` (see src/store/sealing) and never leave the process unsealed except where
 * an API explicitly hands an upstream token to an authorised caller.
 */

/** A value sealed with AES-256-GCM under the master key: "v1.<keyId>.<iv>.<ciphertext>.<tag>". */
export type Sealed = string & { readonly __sealed: unique symbol };

export interface Tenant {
  /** Lowercase DNS label; also the tenant's id. `default` is the bare base host. */
  readonly name: string;
  /** Extra hosts (with port, if any) that resolve to this tenant, besides NAME.<base host>. */
  domains: string[];
  /** RS256 signing keys, newest first: the first signs, all are published in the JWKS. */
  signingKeys: SigningKey[];
  /**
   * Auth0's idle_session_lifetime and session_lifetime, in hours: how long an end user's session
   * may sit unused, and how long after its sign-in it may answer (domain/session_lifetimes.ts).
   * Absent on tenants stored before they existed, and until set: the defaults, 72 and 168.
   */
  idleSessionLifetimeHours?: number;
  sessionLifetimeHours?: number;
  /**
   * Auth0's tenant-level Allowed Logout URLs: where a logout that names no application (no client_id
   * or id_token_hint) may return to (domain/tenant_logout_urls.ts). Absent until set: none.
   */
  allowedLogoutUrls?: string[];
  createdAt: string;
  /**
   * How many times the record was updated; the store's update refuses a tenant whose revision is
   * not the stored one (StaleRecordError), so a settings change and a key rotation computed from
   * one read cannot undo each other (domain/tenant_updates.ts). Absent on records never updated
   * since it existed: 0.
   */
  revision?: number;
}

export interface SigningKey {
  kid: string;
  /** Public JWK (kty, n, e), published at /.well-known/jwks.json. */
  publicJwk: Record<string, unknown>;
  /** The private JWK as JSON, sealed. */
  privateJwk: Sealed;
  createdAt: string;
  /**
   * Where the key stands in its rotation (src/domain/signing_key_rotation.ts). Absent on keys made
   * before rotation existed: the first of those signs, the others are previously used keys.
   */
  status?: SigningKeyStatus;
  /** When it started signing. */
  currentSince?: string;
  /** When it stopped signing (rotated out). */
  currentUntil?: string;
  revokedAt?: string;
}

/** Auth0's states: published before it signs (next), signing (current), rotated out, revoked. */
export type SigningKeyStatus = 'next' | 'current' | 'previous' | 'revoked';

/**
 * OpenID Connect Back-Channel Logout as Auth0 configures it: at most one URL the client receives
 * logout tokens at, and which session endings send one (Auth0's initiators). fitgate ends sessions at
 * the client's request, `rp-logout`, which Auth0 keeps on whatever is selected, and all of a user's at
 * once, `session-revoked`, sent only where selected (domain/ended_sessions.ts).
 */
export interface OidcLogoutSettings {
  backchannelLogoutUrls: string[];
  backchannelLogoutInitiators?: { mode: 'custom' | 'all'; selectedInitiators?: string[] };
}

/** Auth0's app_type values. */
export type AppType = 'regular_web' | 'spa' | 'native' | 'non_interactive';

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface Client {
  readonly tenant: string;
  readonly clientId: string;
  name: string;
  appType: AppType;
  /** SHA-256 of the client secret (hex), compared in constant time. Absent for public clients. */
  clientSecretHash?: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** Allowed callback URLs: a redirect_uri must equal one of them exactly. */
  callbacks: string[];
  allowedLogoutUrls: string[];
  /**
   * Auth0's Allowed Web Origins and Allowed Origins (CORS): origins only (absent on clients stored
   * before they existed). Either lets a browser page of that origin read the client's answers at
   * /oauth/token and /oauth/revoke (authn/token_endpoint/client_origin_cors.ts); web_message posts
   * only to a web origin.
   */
  webOrigins?: string[];
  allowedOrigins?: string[];
  /** Grant types this client may use at /oauth/token. */
  grantTypes: string[];
  /** Management API scopes granted to a machine-to-machine client (client_credentials). */
  managementScopes: string[];
  /**
   * Whether the client holds a client grant for the Management API, which may hold no scope (Auth0
   * accepts an empty scope list). Absent on clients stored before it existed, and on clients made
   * with their scopes: the grant is then there exactly when managementScopes is not empty
   * (holdsManagementGrant in clients.ts).
   */
  managementGrant?: boolean;
  /** Auth0's descriptive settings, stored and returned as given (absent until set). */
  description?: string;
  logoUri?: string;
  initiateLoginUri?: string;
  oidcConformant?: boolean;
  isFirstParty?: boolean;
  ssoDisabled?: boolean;
  crossOriginAuthentication?: boolean;
  /** Auth0's client_metadata: string values only, at most 10 keys. */
  clientMetadata?: Record<string, string>;
  /** id_token lifetime (jwt_configuration.lifetime_in_seconds); absent: ID_TOKEN_TTL_SECONDS. */
  idTokenLifetimeSeconds?: number;
  /** How this client's refresh tokens rotate and expire; absent: DEFAULT_REFRESH_TOKEN_POLICY. */
  refreshTokenPolicy?: RefreshTokenPolicy;
  /** Auth0's `oidc_logout`: where the client receives back-channel logout tokens (absent until set). */
  oidcLogout?: OidcLogoutSettings;
  createdAt: string;
  updatedAt: string;
  /**
   * How many times the record was updated; the store's update refuses a client whose revision is
   * not the stored one (StaleRecordError), so a change computed from an older read (a settings save
   * on another worker) never writes back a secret or a grant changed since (a rotation, a
   * revocation). Absent on records never updated since it existed: 0.
   */
  revision?: number;
}

/** Auth0's client refresh_token configuration, enforced by the refresh_token grant. */
export interface RefreshTokenPolicy {
  rotationType: 'rotating' | 'non-rotating';
  expirationType: 'expiring' | 'non-expiring';
  /** Seconds after a rotation in which the spent token may still be exchanged (two tabs) without revoking its family. */
  leewaySeconds: number;
  /** Absolute lifetime of a family, from the login; undefined: infinite. */
  tokenLifetimeSeconds?: number;
  /** How long a token may sit unused; undefined: infinite. */
  idleTokenLifetimeSeconds?: number;
}

export type ProfileSyncMode = 'on_each_login' | 'on_first_login';

export interface ConnectionOptions {
  /** Which of its plugin's upstream APIs the connection uses: one of the plugin's `apis` ids. */
  api: string;
  /** Upstream OAuth client id. Absent: sandbox (when enabled) or not yet configured. */
  clientId?: string;
  /** Upstream OAuth client secret, sealed; write-only through every API. */
  clientSecret?: Sealed;
  /** Permission names of the connection's plugin (its permissions(api)); the plugin asks its upstream for the scopes each maps to. */
  scope: string[];
  /** Whether the root profile attributes are refreshed from the upstream at every login. */
  profileSync: ProfileSyncMode;
}

export interface Connection {
  readonly tenant: string;
  /** "con_" + random, Auth0-style. */
  readonly id: string;
  /** Unique per tenant, e.g. "fitbit". */
  name: string;
  /** The plugin that serves it, e.g. "fitbit". */
  strategy: string;
  options: ConnectionOptions;
  /** Client ids this connection is enabled for. */
  enabledClients: string[];
  /** Auth0's connection settings, stored and returned as given (absent until set). */
  displayName?: string;
  metadata?: Record<string, string>;
  showAsButton?: boolean;
  isDomainConnection?: boolean;
  createdAt: string;
  updatedAt: string;
  /**
   * How many times the record was updated; the store's update refuses a connection whose revision
   * is not the stored one (StaleRecordError), so a change computed from an older read (a settings
   * save on another worker) never writes back credentials or enabled applications changed since (an
   * application's switch, another save). Absent on records never updated since it existed: 0.
   */
  revision?: number;
}

export type IdentityStatus = 'connected' | 'needs_reauthorization';

export interface UpstreamTokens {
  accessToken: Sealed;
  refreshToken?: Sealed;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface Identity {
  provider: string;
  connection: string;
  /** The user's id at the upstream's API `api` (for Fitbit: Google Health's healthUserId, or the Fitbit Web API's encodedId). */
  userId: string;
  isSocial: true;
  /** The upstream API (of the connection's plugin) that issued its tokens. */
  api: string;
  /**
   * The user's id at the upstream's previous API, kept once a login through the current API reported
   * it (Google Health's legacyUserId, the Fitbit Web API's id), so both ids find this identity.
   */
  legacyUserId?: string;
  /** Permission names, as the login or the last refresh that named them reported them. */
  grantedScopes: string[];
  tokens?: UpstreamTokens;
  status: IdentityStatus;
  statusReason?: string;
  statusChangedAt?: string;
  /** The upstream profile as last fetched (no tokens in it). */
  profileData?: Record<string, unknown>;
}

export interface User {
  readonly tenant: string;
  /** "<provider>|<upstream id>", e.g. "fitbit|GGNJL9"; stable across a move to the upstream's next API (Fitbit's to Google Health). */
  readonly userId: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  nickname?: string;
  givenName?: string;
  familyName?: string;
  picture?: string;
  /** Auth0's app_metadata: set through the Management API only, never by a login. */
  appMetadata?: Record<string, unknown>;
  /** Auth0's user_metadata: the user's own preferences, set through the Management API here. */
  userMetadata?: Record<string, unknown>;
  /** A blocked user cannot log in, and its refresh tokens are refused. Absent means false. */
  blocked?: boolean;
  /**
   * When the user's browser sessions were last ended all at once (DELETE /users/{id}/sessions, the
   * dashboard, a block), ISO 8601: a sign-in that read another value at its login no longer answers
   * (domain/ended_sessions.ts). Absent until the first time.
   */
  sessionsEndedAt?: string;
  /**
   * The tenant URLs (NAME.<base host>, or one of the tenant's own domains) the user signed in at
   * since their sessions were last ended, oldest first: each is the issuer of the id_tokens its
   * sessions handed out, so the logout tokens of an end carry the same (domain/ended_sessions.ts).
   * Written by the login with the record it writes anyway. Absent on records from before it
   * existed, and after an end until the next sign-in.
   */
  signInUrls?: string[];
  /**
   * What the user allowed each third-party application (`isFirstParty: false`) on the consent page,
   * one grant per client (Auth0's user grants): the next login to that client asks only for scopes
   * beyond these (domain/user_grants.ts). Absent until the first consent.
   */
  grants?: UserGrant[];
  identities: Identity[];
  loginsCount: number;
  lastLogin?: string;
  lastIp?: string;
  createdAt: string;
  updatedAt: string;
  /**
   * How many times the record was updated; the store's update refuses a user whose revision is not
   * the stored one (StaleRecordError), so a change computed from an older read never silently
   * undoes one made since (a login racing a block). Absent on records never updated: 0.
   */
  revision?: number;
}

/** A user's consent to one third-party application (User.grants). */
export interface UserGrant {
  /**
   * The grant's id in the Management API (/api/v2/grants): set when the grant is first recorded,
   * kept while scopes are added. Absent on grants recorded before it was kept, whose id is derived
   * from the tenant, user and client (domain/user_grants.ts userGrantId), the same at every read.
   */
  readonly id?: string;
  readonly clientId: string;
  /** The scopes allowed, of those /authorize grants (openid, profile, email, offline_access). */
  readonly scope: readonly string[];
  /** When the user last allowed it (ISO 8601). */
  readonly grantedAt: string;
}

export interface AdminAccount {
  /** Lowercased email; the account's id. */
  readonly email: string;
  /** scrypt hash "scrypt$N$r$p$salt$hash"; absent until the admin sets a password. */
  passwordHash?: string;
  /** Names of the tenants this admin manages. */
  tenants: string[];
  createdAt: string;
  /**
   * Moves on each time the password is set and each time a new set-password link replaces the open
   * ones; dashboard sessions and links made under an older value stop counting
   * (src/domain/admin_credentials.ts). Absent on records written before it existed: 0.
   */
  credentialVersion?: number;
  /**
   * How many times the record was updated; the store's update refuses an admin whose revision is
   * not the stored one (StaleRecordError), so a change computed from an older read (an invitation
   * adding a tenant) never writes back what another write changed since (a new password). Absent on
   * records never updated: 0.
   */
  revision?: number;
}

/** Auth0 log event. `type` uses Auth0's codes: s, f, seacft, feacft, sapi, fapi, ... */
export interface LogEvent {
  readonly tenant: string;
  readonly id: string;
  date: string;
  type: string;
  description?: string;
  clientId?: string;
  clientName?: string;
  connection?: string;
  userId?: string;
  userName?: string;
  ip?: string;
  userAgent?: string;
  /** The tenant host the request came to, as Auth0's `hostname`. */
  hostname?: string;
  /** The connection's strategy (e.g. "fitbit"), its strategy type ("social") and id. */
  strategy?: string;
  strategyType?: string;
  connectionId?: string;
  details?: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageRequest {
  /** Zero-based, as in Auth0's API. */
  page: number;
  perPage: number;
}
