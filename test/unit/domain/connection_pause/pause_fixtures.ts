import type { EphemeralStore } from '../../../../src/domain/ports.js';
import type { DomainLogger } from '../../../../src/domain/token_vault_deps.js';
import type { Connection } from '../../../../src/domain/types.js';
import { NO_VAULT_METRICS, type ConnectionPauseReason } from '../../../../src/domain/vault_metrics.js';
import { memoryEphemeral } from '../../../support/authn/memory_repositories.js';

export const NOW = Date.parse('2026-11-20T10:00:00.000Z');
export const REF = { tenant: 'acme', userId: 'fitbit|GGNJL9', connection: 'fitbit', upstreamUserId: 'GGNJL9' };

export const CONNECTION: Connection = {
  tenant: 'acme',
  id: 'con_1',
  name: 'fitbit',
  strategy: 'fitbit',
  options: { api: 'google-health', clientId: 'client', scope: ['profile'], profileSync: 'on_each_login' },
  enabledClients: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

/** What recordConnectionPause needs, over an in-memory store whose writes fail when `failingWrites`. */
export function pauseDeps(options: { failingWrites?: boolean } = {}) {
  const memory = memoryEphemeral();
  const ephemeral: EphemeralStore = options.failingWrites
    ? { ...memory, put: async () => Promise.reject(new Error('store unreachable')) }
    : memory;
  const logged: LoggedLine[] = [];
  const line = (level: LoggedLine['level']) => (details: object, message: string) => void logged.push({ level, details: details as Record<string, unknown>, message });
  const logger: DomainLogger = { info: line('info'), warn: line('warn'), error: line('error') };
  const paused: ConnectionPauseReason[] = [];
  const metrics = { ...NO_VAULT_METRICS, connectionPaused: (_tenant: string, _connection: string, reason: ConnectionPauseReason) => void paused.push(reason) };
  return { deps: { ephemeral, logger, metrics, now: () => NOW }, ephemeral, logged, paused };
}
