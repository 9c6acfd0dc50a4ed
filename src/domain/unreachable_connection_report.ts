import { oncePerPeriod } from './once_per_period.js';
import type { IdentityRef } from './stored_identity.js';
import type { DomainLogger } from './token_vault_deps.js';
import type { TokenUnavailableError } from './vault_errors.js';
import type { VaultMetrics } from './vault_metrics.js';

/** How often the log says again that one connection cannot reach its upstream, for one reason. */
export const UNREACHABLE_LOG_PERIOD_MS = 10 * 60 * 1000;

/** Tells the administrator that a token read found its connection unable to reach its upstream. */
export type UnreachableConnectionReport = (ref: IdentityRef, error: TokenUnavailableError) => void;

/**
 * Built once per vault. Every due token read of every identity of a broken connection fails the same
 * way until an administrator fixes it, so an API client polling tokens would make each read an error
 * line: the metric counts every one, and the log says it once per tenant, connection and reason per
 * period, with the count of reads it left out since its last line.
 */
export function unreachableConnectionReport(
  logger: DomainLogger,
  metrics: VaultMetrics,
  now: () => number,
  periodMs = UNREACHABLE_LOG_PERIOD_MS,
): UnreachableConnectionReport {
  const due = oncePerPeriod(periodMs, now);
  return (ref, error) => {
    metrics.connectionUnreachable(ref.tenant, ref.connection, error.reason);
    const line = due(JSON.stringify([ref.tenant, ref.connection, error.reason]));
    if (!line) return;
    logger.error(
      {
        tenant: ref.tenant,
        connection: ref.connection,
        reason: error.reason,
        user_id: ref.userId,
        suppressed: line.suppressed,
        err: error,
      },
      'the connection cannot reach its upstream; an administrator must fix the connection',
    );
  };
}
