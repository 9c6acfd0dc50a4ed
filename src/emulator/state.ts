import { randomBytes } from 'node:crypto';
import type {
  AccessTokenRecord,
  AuthorizationCodeRecord,
  GrantRecord,
  PendingAuthorization,
  RefreshTokenRecord,
} from './records.js';
import { appSchema, parseInput, settingsPatchSchema, userSchema } from './schemas.js';
import { DEFAULT_APPS, DEFAULT_USERS } from './seed.js';
import { DEFAULT_SETTINGS } from './settings.js';
import type {
  AutoConsent,
  Counters,
  EmulatorOptions,
  EmulatorSettings,
  FailureRule,
  RegisteredApp,
  TestUser,
  UpstreamApi,
  UpstreamCounters,
} from './types.js';

function zeroCounters(): UpstreamCounters {
  return {
    authorizeRequests: 0,
    consentsApproved: 0,
    consentsDenied: 0,
    codeExchanges: 0,
    refreshes: 0,
    refreshReplays: 0,
    refreshConflicts: 0,
    revocations: 0,
    introspections: 0,
    apiCalls: 0,
    rateLimited: 0,
  };
}

const PRUNE_EVERY = 1024;

export interface ActiveFailure {
  readonly rule: FailureRule;
  remaining: number;
}

/**
 * Everything the emulator knows, in memory. Routers and the control API share one instance;
 * reset() returns it to what the options seeded.
 */
export class EmulatorState {
  readonly apps = new Map<string, RegisteredApp>();
  readonly users = new Map<string, TestUser>();
  readonly codes = new Map<string, AuthorizationCodeRecord>();
  readonly grants = new Map<string, GrantRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly pending = new Map<string, PendingAuthorization>();
  /** Rate-limit windows by "<api>|<clientId>|<login>". */
  readonly rateWindows = new Map<string, { windowStart: number; count: number }>();
  failures: ActiveFailure[] = [];
  settings: EmulatorSettings = DEFAULT_SETTINGS;
  legacyShutdown = false;
  autoConsent: AutoConsent | undefined;
  counters: Counters = { 'fitbit-legacy': zeroCounters(), 'google-health': zeroCounters() };
  private clockOffsetMs = 0;
  private additions = 0;

  private readonly options: EmulatorOptions;
  private readonly realNow: () => number;

  /** Throws EmulatorInputError when an app, user or setting in the options is malformed. */
  constructor(options: EmulatorOptions) {
    this.options = {
      ...options,
      apps: options.apps?.map((app) => parseInput(appSchema, app)),
      users: options.users?.map((user) => parseInput(userSchema, user)),
      settings: options.settings === undefined ? undefined : parseInput(settingsPatchSchema, options.settings),
    };
    this.realNow = options.now ?? Date.now;
    this.reset();
  }

  /** Milliseconds since the epoch, as the emulator sees it (advanceClock moves it on). */
  now(): number {
    return this.realNow() + this.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  count(api: UpstreamApi, counter: keyof UpstreamCounters): void {
    this.counters[api][counter] += 1;
  }

  /**
   * Drops spent codes, stale consent transactions and long-expired access tokens. Called as records are added, every
   * PRUNE_EVERY additions, so a long benchmark run does not grow without bound.
   */
  noteAdded(): void {
    this.additions += 1;
    if (this.additions % PRUNE_EVERY !== 0) return;
    const now = this.now();
    for (const [code, record] of this.codes) if (record.used || record.expiresAt <= now) this.codes.delete(code);
    for (const [id, pending] of this.pending) if (pending.expiresAt <= now) this.pending.delete(id);
    // Expired tokens are kept a day so that they still answer expired_token rather than invalid_token.
    for (const [token, record] of this.accessTokens) if (record.expiresAt <= now - 86_400_000) this.accessTokens.delete(token);
  }

  reset(): void {
    for (const map of [this.apps, this.users, this.codes, this.grants, this.accessTokens, this.refreshTokens, this.pending, this.rateWindows]) {
      map.clear();
    }
    const includeDefaults = this.options.includeDefaults ?? true;
    for (const app of [...(includeDefaults ? DEFAULT_APPS : []), ...(this.options.apps ?? [])]) this.apps.set(app.clientId, app);
    for (const user of [...(includeDefaults ? DEFAULT_USERS : []), ...(this.options.users ?? [])]) this.users.set(user.login, user);
    this.failures = [];
    this.settings = { ...DEFAULT_SETTINGS, ...this.options.settings };
    this.legacyShutdown = this.options.legacyShutdown ?? false;
    this.autoConsent = undefined;
    this.counters = { 'fitbit-legacy': zeroCounters(), 'google-health': zeroCounters() };
    this.clockOffsetMs = 0;
  }

  /** Ends every token of one user for one app (or all apps) and forgets the consent. */
  revokeGrant(predicate: (grant: { api: UpstreamApi; clientId: string; login: string }) => boolean): number {
    let revoked = 0;
    for (const [key, grant] of this.grants) {
      if (!predicate(grant)) continue;
      this.grants.delete(key);
      revoked += 1;
    }
    for (const [token, record] of this.accessTokens) if (!this.grants.has(record.grantKey)) this.accessTokens.delete(token);
    for (const [token, record] of this.refreshTokens) if (!this.grants.has(record.grantKey)) this.refreshTokens.delete(token);
    return revoked;
  }
}

/** An unguessable opaque value, optionally with the upstream's recognisable prefix. */
export function randomToken(prefix = '', bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}
