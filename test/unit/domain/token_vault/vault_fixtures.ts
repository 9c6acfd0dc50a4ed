import { refreshLockName } from '../../../../src/domain/identity_lock.js';
import type { LockStore, UserRepository } from '../../../../src/domain/ports.js';
import { TokenVault } from '../../../../src/domain/token_vault.js';
import type { DomainLogger, TokenVaultTiming } from '../../../../src/domain/token_vault_deps.js';
import type { Connection, User } from '../../../../src/domain/types.js';
import type { RefreshedUpstreamTokens, TokenClientFor, UpstreamTokenClient } from '../../../../src/domain/upstream_token_client.js';
import { NO_VAULT_METRICS, type StoredTokenReason, type VaultMetrics } from '../../../../src/domain/vault_metrics.js';
import { memoryConnections, memoryEphemeral, memoryUsers, type MemoryUsers } from '../../../support/authn/memory_repositories.js';
import { testSealer } from '../users/login_fixtures.js';

// A vault over in-memory repositories, a pinned clock and a token client the test scripts: each
// refresh call takes the next answer from `answers` (a value, an error to reject with, or a promise).

export const NOW = Date.parse('2026-11-20T10:00:00.000Z');
export const REF = { tenant: 'acme', userId: 'fitbit|GGNJL9', connection: 'fitbit', upstreamUserId: 'GGNJL9' };

export type RefreshAnswer = RefreshedUpstreamTokens | Error | Promise<RefreshedUpstreamTokens>;

/** An error shaped as a plugin's failure (PluginFailure), which is all the vault reads. */
export function pluginFailure(kind: string, retryAfterSeconds?: number): Error {
  return Object.assign(new Error(`upstream said ${kind}`), { kind, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
}

export function aUser(secondsLeft: number, accessToken = 'stored-access'): User {
  return {
    tenant: 'acme',
    userId: REF.userId,
    identities: [
      {
        provider: 'fitbit',
        connection: 'fitbit',
        userId: REF.upstreamUserId,
        isSocial: true,
        api: 'fitbit-legacy',
        grantedScopes: ['profile'],
        tokens: { accessToken: testSealer.seal(accessToken), refreshToken: testSealer.seal('stored-refresh'), expiresAt: NOW + secondsLeft * 1000 },
        status: 'connected',
      },
    ],
    loginsCount: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

const connection: Connection = {
  tenant: 'acme',
  id: 'con_1',
  name: 'fitbit',
  strategy: 'fitbit',
  options: { api: 'fitbit-legacy', clientId: 'client', scope: ['profile'], profileSync: 'on_each_login' },
  enabledClients: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function memoryLocks(): LockStore {
  const held = new Map<string, string>();
  let next = 0;
  return {
    tryAcquire: async (name) => {
      if (held.has(name)) return undefined;
      next += 1;
      held.set(name, String(next));
      return String(next);
    },
    release: async (name, token) => held.get(name) === token && held.delete(name),
  };
}

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

export interface VaultFixture {
  vault: TokenVault;
  users: MemoryUsers;
  refreshCalls: () => number;
  logged: LoggedLine[];
  events: unknown[];
  /** Each stored token the vault served instead of a refresh, by reason, as its metrics heard it. */
  servedStored: StoredTokenReason[];
  /** Deletes REF's connection, as an administrator does, its users left in the store. */
  deleteConnection: () => void;
}

export interface VaultOptions {
  background?: (work: Promise<unknown>) => void;
  timing?: Partial<TokenVaultTiming>;
  /** Another process holds REF's refresh lock and never lets go. */
  lockHeldElsewhere?: boolean;
  /** The vault's clock; pinned to NOW by default. */
  now?: () => number;
  /** In place of the scripted token client, e.g. one the connection cannot have. */
  tokenClientFor?: TokenClientFor;
  /** Metrics the test listens to, beside the servedStored it records. */
  metrics?: Partial<VaultMetrics>;
}

export function vaultWith(user: User, answers: RefreshAnswer[], options: VaultOptions = {}): VaultFixture {
  const users = memoryUsers([user]);
  const logged: LoggedLine[] = [];
  const events: unknown[] = [];
  const logger: DomainLogger = {
    info: (details, message) => void logged.push({ level: 'info', details: details as Record<string, unknown>, message }),
    warn: (details, message) => void logged.push({ level: 'warn', details: details as Record<string, unknown>, message }),
    error: (details, message) => void logged.push({ level: 'error', details: details as Record<string, unknown>, message }),
  };
  let calls = 0;
  const servedStored: StoredTokenReason[] = [];
  const client: UpstreamTokenClient = {
    refresh: async () => {
      const answer = answers[calls];
      calls += 1;
      if (answer === undefined) throw new Error('the test scripted no more refreshes');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    revoke: async () => undefined,
  };
  const locks = memoryLocks();
  if (options.lockHeldElsewhere) void locks.tryAcquire(refreshLockName(REF), 60_000);
  const connections = [connection];
  const vault = new TokenVault({
    // The vault reads and rewrites users only (get, update); the memory repository has those.
    users: users as unknown as UserRepository,
    connections: memoryConnections(connections) as never,
    locks,
    ephemeral: memoryEphemeral(),
    sealer: testSealer,
    tokenClientFor: options.tokenClientFor ?? (async () => client),
    recordEvent: async (event) => void events.push(event),
    logger,
    now: options.now ?? (() => NOW),
    metrics: { ...NO_VAULT_METRICS, servedStoredToken: (_tenant, _connection, reason) => void servedStored.push(reason), ...options.metrics },
    ...(options.background && { background: options.background }),
    ...(options.timing && { timing: options.timing }),
  });
  return { vault, users, refreshCalls: () => calls, logged, events, servedStored, deleteConnection: () => void connections.splice(0) };
}

export function refreshed(accessToken: string): RefreshedUpstreamTokens {
  return { accessToken, refreshToken: `${accessToken}-refresh`, expiresIn: 28800, grantedScopes: ['profile'] };
}
