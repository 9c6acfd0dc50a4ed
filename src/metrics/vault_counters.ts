import { Counter, Gauge, type Registry } from 'prom-client';
import type { VaultMetrics } from '../domain/vault_metrics.js';

/** The token vault: fresh hits, refreshes, single-flight waits, identities needing reauthorization. */
export function vaultCounters(registry: Registry): VaultMetrics {
  const fresh = new Counter({
    name: 'fitgate_vault_fresh_tokens_total',
    help: 'Upstream access tokens handed out as stored, still fresh (no refresh).',
    labelNames: ['tenant', 'connection'] as const,
    registers: [registry],
  });
  const refreshes = new Counter({
    name: 'fitgate_vault_refreshes_total',
    help: 'Upstream token refreshes run by the vault, by result ("success" or the failure kind: invalid_grant, rate_limited, gone, unavailable, timeout, unknown).',
    labelNames: ['tenant', 'connection', 'result'] as const,
    registers: [registry],
  });
  const waits = new Counter({
    name: 'fitgate_vault_refresh_waits_total',
    help: 'Token requests that waited for a refresh another caller was running (single flight), in this process or across processes.',
    labelNames: ['tenant', 'connection'] as const,
    registers: [registry],
  });
  const disconnections = new Counter({
    name: 'fitgate_vault_reauthorizations_required_total',
    help: 'Identities whose upstream tokens stopped working, by reason (refresh_token_rejected, legacy_api_gone, refresh_token_missing, unlinked).',
    labelNames: ['tenant', 'connection', 'reason'] as const,
    registers: [registry],
  });
  const needing = new Gauge({
    name: 'fitgate_vault_identities_needing_reauthorization',
    help: 'Identities this process saw lose their tokens, minus those it saw reconnected by a login, since it started.',
    labelNames: ['tenant', 'connection'] as const,
    registers: [registry],
  });
  return {
    freshToken: (tenant, connection) => fresh.labels(tenant, connection).inc(),
    waitedForRefresh: (tenant, connection) => waits.labels(tenant, connection).inc(),
    refreshed: (tenant, connection, result) => refreshes.labels(tenant, connection, result).inc(),
    needsReauthorization(tenant, connection, reason) {
      disconnections.labels(tenant, connection, reason).inc();
      needing.labels(tenant, connection).inc();
    },
    reconnected: (tenant, connection) => needing.labels(tenant, connection).dec(),
  };
}
