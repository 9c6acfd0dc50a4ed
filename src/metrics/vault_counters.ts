import type { Registry } from 'prom-client';
import { labelledCounter, labelledGauge } from './labelled_metrics.js';
import type { VaultMetrics } from '../domain/vault_metrics.js';

/** The token vault: fresh hits, refreshes, single-flight waits, identities needing reauthorization, unreachable and paused connections. */
export function vaultCounters(registry: Registry): VaultMetrics {
  const fresh = labelledCounter(registry, 'fitgate_vault_fresh_tokens_total', ['tenant', 'connection'],
    'Upstream access tokens handed out as stored, still fresh (no refresh).');
  const served = labelledCounter(registry, 'fitgate_vault_stored_tokens_served_total', ['tenant', 'connection', 'reason'],
    'Stored upstream access tokens, still good for a while, handed out because no refresh could be had now, by reason (refresh_failed, refresh_slow, backing_off, refresh_busy).');
  const refreshes = labelledCounter(registry, 'fitgate_vault_refreshes_total', ['tenant', 'connection', 'result'],
    'Upstream token refreshes run by the vault, by result ("success" or the failure kind: invalid_grant, unauthorized_client, invalid_client, rate_limited, gone, api_changed, unavailable, timeout, unknown).');
  const waits = labelledCounter(registry, 'fitgate_vault_refresh_waits_total', ['tenant', 'connection'],
    'Token requests that waited for a refresh another caller was running (single flight), in this process or across processes.');
  const disconnections = labelledCounter(registry, 'fitgate_vault_reauthorizations_required_total', ['tenant', 'connection', 'reason'],
    'Identities whose upstream tokens stopped working, by reason (refresh_token_rejected, upstream_api_gone, connection_api_changed, connection_client_changed, refresh_token_missing, unlinked, master_key_lost).');
  const needing = labelledGauge(registry, 'fitgate_vault_identities_needing_reauthorization', ['tenant', 'connection'],
    'Identities this process saw lose their tokens, minus those it saw reconnected by a login, since it started.');
  const unreachable = labelledCounter(registry, 'fitgate_vault_connection_unreachable_total', ['tenant', 'connection', 'reason'],
    'Token reads due a refresh whose connection cannot reach its upstream, by reason (connection_not_configured, client_secret_unreadable); the log says it once per 10 minutes.');
  const pauses = labelledCounter(registry, 'fitgate_vault_connection_pauses_total', ['tenant', 'connection', 'reason'],
    'Pauses of every refresh of a connection, on every instance, begun by a refresh this process ran, by reason (rate_limited: the upstream rate-limited the connection\'s client, until its reset; client_refused: it refused the client\'s credentials, for a minute).');
  return {
    freshToken: (tenant, connection) => fresh.labels(tenant, connection).inc(),
    servedStoredToken: (tenant, connection, reason) => served.labels(tenant, connection, reason).inc(),
    waitedForRefresh: (tenant, connection) => waits.labels(tenant, connection).inc(),
    refreshed: (tenant, connection, result) => refreshes.labels(tenant, connection, result).inc(),
    needsReauthorization(tenant, connection, reason) {
      disconnections.labels(tenant, connection, reason).inc();
      needing.labels(tenant, connection).inc();
    },
    reconnected: (tenant, connection) => needing.labels(tenant, connection).dec(),
    connectionUnreachable: (tenant, connection, reason) => unreachable.labels(tenant, connection, reason).inc(),
    connectionPaused: (tenant, connection, reason) => pauses.labels(tenant, connection, reason).inc(),
  };
}
