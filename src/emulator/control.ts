import type { HeldRequests } from './host_gate.js';
import {
  EmulatorInputError,
  appSchema,
  autoConsentSchema,
  failureRuleSchema,
  parseInput,
  settingsPatchSchema,
  userSchema,
} from './schemas.js';
import type { EmulatorState } from './state.js';
import type {
  AutoConsent,
  Counters,
  EmulatorSettings,
  FailureRule,
  Host,
  RegisteredApp,
  TestUser,
} from './types.js';

/** The admin API in-process. /_emulator/ over HTTP mirrors it method for method. */
export interface EmulatorControl {
  /** Adds or replaces (same clientId) a registered app. */
  registerApp(app: RegisteredApp): RegisteredApp;
  removeApp(clientId: string): boolean;
  addRedirectUri(clientId: string, redirectUri: string): RegisteredApp;
  apps(): RegisteredApp[];
  /** Adds or replaces (same login) a test user. */
  addUser(user: TestUser): TestUser;
  users(): TestUser[];
  /** Injects a failure on one host or all ('*'), for `times` requests or until cleared. */
  setFailure(rule: FailureRule): void;
  /** Clears the failures of one host, or all of them; also drops requests held by 'timeout'. */
  clearFailures(host?: Host | '*'): void;
  /** Ends (destroys the socket of) every request a 'timeout' failure is holding. */
  releaseHeld(): void;
  /** How many requests a 'timeout' failure is holding right now. */
  heldRequests(): number;
  /** On: both legacy hosts answer 410 Gone, as the real ones have since 2026-11-02. */
  setLegacyShutdown(on: boolean): void;
  setSettings(patch: Partial<EmulatorSettings>): EmulatorSettings;
  settings(): EmulatorSettings;
  /** Every authorize request answers at once with this decision; undefined switches it off. */
  setAutoConsent(autoConsent: AutoConsent | undefined): void;
  /** Revokes the user's grants (every token) to one app or to all apps; returns how many grants. */
  revokeUserGrants(login: string, clientId?: string): number;
  /** Makes matching access tokens expired now (refresh tokens stay valid); returns how many. */
  expireAccessTokens(filter?: { login?: string; clientId?: string }): number;
  /** Moves the emulator's clock forward: codes, tokens, replay windows and rate windows age. */
  advanceClock(seconds: number): void;
  counters(): Counters;
  /** Back to the seeded apps, users and settings; forgets codes, tokens, failures, counters. */
  reset(): void;
}

export function createControl(state: EmulatorState, held: HeldRequests): EmulatorControl {
  const requireApp = (clientId: string): RegisteredApp => {
    const app = state.apps.get(clientId);
    if (!app) throw new EmulatorInputError(`no app with clientId "${clientId}"`);
    return app;
  };

  return {
    registerApp(input) {
      const app = parseInput(appSchema, input);
      state.apps.set(app.clientId, app);
      return app;
    },
    removeApp(clientId) {
      state.revokeGrant((grant) => grant.clientId === clientId);
      return state.apps.delete(clientId);
    },
    addRedirectUri(clientId, redirectUri) {
      const app = requireApp(clientId);
      const updated = parseInput(appSchema, { ...app, redirectUris: [...new Set([...app.redirectUris, redirectUri])] });
      state.apps.set(clientId, updated);
      return updated;
    },
    apps: () => [...state.apps.values()],
    addUser(input) {
      const user = parseInput(userSchema, input);
      state.users.set(user.login, user);
      return user;
    },
    users: () => [...state.users.values()],
    setFailure(input) {
      const rule = parseInput(failureRuleSchema, input);
      state.failures.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    },
    clearFailures(host) {
      state.failures = host === undefined ? [] : state.failures.filter((failure) => failure.rule.host !== host);
      held.releaseAll();
    },
    releaseHeld: () => held.releaseAll(),
    heldRequests: () => held.size,
    setLegacyShutdown(on) {
      state.legacyShutdown = on;
    },
    setSettings(patch) {
      state.settings = { ...state.settings, ...parseInput(settingsPatchSchema, patch) };
      return state.settings;
    },
    settings: () => state.settings,
    setAutoConsent(input) {
      if (input === undefined) {
        state.autoConsent = undefined;
        return;
      }
      const auto = parseInput(autoConsentSchema, input);
      if (!state.users.has(auto.user)) throw new EmulatorInputError(`no test user "${auto.user}"`);
      state.autoConsent = auto;
    },
    revokeUserGrants: (login, clientId) =>
      state.revokeGrant((grant) => grant.login === login && (clientId === undefined || grant.clientId === clientId)),
    expireAccessTokens(filter = {}) {
      let expired = 0;
      const now = state.now();
      for (const token of state.accessTokens.values()) {
        if (filter.login !== undefined && token.login !== filter.login) continue;
        if (filter.clientId !== undefined && token.clientId !== filter.clientId) continue;
        if (token.expiresAt > now) {
          token.expiresAt = now;
          expired += 1;
        }
      }
      return expired;
    },
    advanceClock(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new EmulatorInputError('seconds must be a non-negative number');
      state.advanceClock(seconds);
    },
    counters: () => structuredClone(state.counters),
    reset() {
      held.releaseAll();
      state.reset();
    },
  };
}
