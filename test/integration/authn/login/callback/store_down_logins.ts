import type { PrometheusMetrics } from '../../../../../src/metrics/prometheus_metrics.js';
import { parseExposition } from '../../../metrics/scrape.js';

/** fitgate_logins_total of the tenant's Fitbit logins sent back with temporarily_unavailable: those the store refused at /login/callback. */
export async function storeDownLogins(metrics: PrometheusMetrics, tenant: string): Promise<number> {
  return parseExposition(await metrics.registry.metrics())
    .filter(({ name, labels }) => name === 'fitgate_logins_total' && labels.tenant === tenant && labels.connection === 'fitbit')
    .filter(({ labels }) => labels.outcome === 'failure' && labels.reason === 'temporarily_unavailable')
    .reduce((sum, { value }) => sum + value, 0);
}
