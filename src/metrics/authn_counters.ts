import { Counter, type Registry } from 'prom-client';
import type { AuthnMetrics } from './metrics.js';

/** Logins, token exchanges, revocations and logouts, by tenant (and connection where one applies). */
export function authnCounters(registry: Registry): AuthnMetrics {
  const logins = new Counter({
    name: 'fitgate_logins_total',
    help: 'Finished logins at /login/callback, by outcome and reason (success: new_user, existing_user, migrated_from_legacy; failure: the OAuth error code).',
    labelNames: ['tenant', 'connection', 'outcome', 'reason'] as const,
    registers: [registry],
  });
  const exchanges = new Counter({
    name: 'fitgate_token_exchanges_total',
    help: 'Answers of /oauth/token by grant type and result ("success" or the OAuth error code).',
    labelNames: ['tenant', 'connection', 'grant_type', 'result'] as const,
    registers: [registry],
  });
  const revocations = new Counter({
    name: 'fitgate_token_revocations_total',
    help: 'Answers of /oauth/revoke by result ("success" or the OAuth error code).',
    labelNames: ['tenant', 'result'] as const,
    registers: [registry],
  });
  const logouts = new Counter({
    name: 'fitgate_logouts_total',
    help: 'Answers of /v2/logout by result ("success" or the error code).',
    labelNames: ['tenant', 'result'] as const,
    registers: [registry],
  });
  return {
    login: (tenant, connection, outcome, reason) => logins.labels(tenant, connection, outcome, reason).inc(),
    tokenExchange: (tenant, connection, grantType, result) => exchanges.labels(tenant, connection, grantType, result).inc(),
    revocation: (tenant, result) => revocations.labels(tenant, result).inc(),
    logout: (tenant, result) => logouts.labels(tenant, result).inc(),
  };
}
