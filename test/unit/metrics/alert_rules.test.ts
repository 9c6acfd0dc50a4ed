import { describe, expect, it } from '@jest/globals';
import { exposedSeriesNames, metricsReadBy, parseYaml, readDoc } from './operator_files.js';

// docs/prometheus/alerts.yml: a Prometheus rule file covering the cases an operator must hear of,
// reading only metrics fitgate exposes (in one process or with workers) and Prometheus's own `up`. (A structural check: promtool is not part of the toolchain; run
// `promtool check rules docs/prometheus/alerts.yml` where Prometheus is installed.)

interface Rule {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** One label matcher of a PromQL selector: `result!~"a|b"` is { label: 'result', op: '!~', value: 'a|b' }. */
interface Matcher {
  label: string;
  op: string;
  value: string;
}

/** The label matchers of every selector of `metric` in `expr`, one list per selector. */
function selectorsOf(expr: string, metric: string): Matcher[][] {
  return [...expr.matchAll(new RegExp(`\\b${metric}\\{([^}]*)\\}`, 'g'))].map((selector) =>
    [...selector[1]!.matchAll(/([a-z_]+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)].map(([, label, op, value]) => ({ label: label!, op: op!, value: value! })),
  );
}

/** Whether a label value gets past the matchers of one selector on `label` (PromQL regexes are anchored). */
function passes(matchers: Matcher[], label: string, value: string): boolean {
  return matchers
    .filter((matcher) => matcher.label === label)
    .every(({ op, value: wanted }) => {
      const matches = op.includes('~') ? new RegExp(`^(?:${wanted})$`).test(value) : value === wanted;
      return op.startsWith('!') ? !matches : matches;
    });
}

const rules = (): Rule[] => {
  const file = parseYaml(readDoc('prometheus/alerts.yml')) as { groups?: Array<{ name?: unknown; rules?: Rule[] }> };
  expect(Array.isArray(file.groups)).toBe(true);
  return file.groups!.flatMap((group) => {
    expect(typeof group.name).toBe('string');
    return group.rules ?? [];
  });
};

describe('the Prometheus alert rules', () => {
  it('are well-formed alerting rules: a name, an expression, a duration, a severity and words for the operator', () => {
    const all = rules();
    expect(all.length).toBeGreaterThan(0);
    for (const rule of all) {
      expect(rule.alert).toMatch(/^Fitgate[A-Za-z]+$/);
      expect(typeof rule.expr).toBe('string');
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(['page', 'warning']).toContain(rule.labels?.severity);
      expect(typeof rule.annotations?.summary).toBe('string');
      expect(typeof rule.annotations?.description).toBe('string');
      const expr = rule.expr as string;
      expect(expr.split('(').length).toBe(expr.split(')').length);
    }
    expect(new Set(all.map((rule) => rule.alert)).size).toBe(all.length);
  });

  it('page for upstream errors, login failures, refresh failures, an unavailable store and event-loop lag', () => {
    const paging = new Map(rules().filter((rule) => rule.labels?.severity === 'page').map((rule) => [rule.alert, rule.expr as string]));
    expect(paging.get('FitgateUpstreamErrorRate')).toContain('fitgate_upstream_requests_total');
    expect(paging.get('FitgateLoginFailureRate')).toContain('fitgate_logins_total');
    expect(paging.get('FitgateRefreshFailures')).toContain('fitgate_vault_refreshes_total');
    expect(paging.get('FitgateStoreUnavailable')).toContain('fitgate_store_up');
    expect(paging.get('FitgateEventLoopLag')).toContain('nodejs_eventloop_lag');
  });

  it('page when fitgate cannot be scraped, and when no fitgate_store_up is left for the store alert to compare', () => {
    const paging = new Map(rules().filter((rule) => rule.labels?.severity === 'page').map((rule) => [rule.alert, (rule.expr as string).trim()]));
    expect(paging.get('FitgateDown')).toBe('up{job="fitgate"} == 0');
    expect(paging.get('FitgateStoreUpAbsent')).toBe('absent(fitgate_store_up)');
  });

  it('watch workers that serve without answering the primary, and workers that die', () => {
    const all = new Map(rules().map((rule) => [rule.alert, rule]));
    expect(all.get('FitgateWorkersNotAnswering')?.expr).toContain('fitgate_workers_reporting');
    expect(all.get('FitgateWorkersNotAnswering')?.labels?.severity).toBe('page');
    const restarts = all.get('FitgateWorkerRestarts');
    expect(restarts?.expr).toContain('fitgate_worker_restarts_total');
    // A worker retried while the store is out is the store alert's case.
    for (const selector of selectorsOf(restarts?.expr as string, 'fitgate_worker_restarts_total')) {
      expect(passes(selector, 'reason', 'store_unavailable')).toBe(false);
      expect(passes(selector, 'reason', 'signal')).toBe(true);
      expect(passes(selector, 'reason', 'crash')).toBe(true);
    }
  });

  it('page for refresh failures on the upstream or the connection, not for one identity needing reauthorization', () => {
    const expr = rules().find((rule) => rule.alert === 'FitgateRefreshFailures')?.expr as string;
    const [failures] = selectorsOf(expr, 'fitgate_vault_refreshes_total');
    // docs/metrics.md, fitgate_vault_refreshes_total: the results that end one identity's tokens.
    for (const reauthorization of ['success', 'invalid_grant', 'unauthorized_client', 'api_changed']) {
      expect({ result: reauthorization, counted: passes(failures!, 'result', reauthorization) }).toEqual({ result: reauthorization, counted: false });
    }
    for (const failure of ['invalid_client', 'rate_limited', 'gone', 'unavailable', 'timeout', 'unknown']) {
      expect({ result: failure, counted: passes(failures!, 'result', failure) }).toEqual({ result: failure, counted: true });
    }
  });

  it('page for login failures without counting users saying no, blocked users or a stale login link', () => {
    const expr = rules().find((rule) => rule.alert === 'FitgateLoginFailureRate')?.expr as string;
    const selectors = selectorsOf(expr, 'fitgate_logins_total');
    expect(selectors.length).toBeGreaterThanOrEqual(2);
    // A stale or foreign link is an invalid_request counted with an empty connection (docs/metrics.md).
    for (const selector of selectors) expect(passes(selector, 'connection', '')).toBe(false);
    const failures = selectors.find((selector) => selector.some((matcher) => matcher.label === 'outcome'))!;
    expect(passes(failures, 'reason', 'access_denied')).toBe(false);
    // A blocked user's login (Auth0's unauthorized) is an admin's decision, not a failure of fitgate.
    expect(passes(failures, 'reason', 'unauthorized')).toBe(false);
    for (const counted of ['temporarily_unavailable', 'server_error', 'invalid_request']) expect(passes(failures, 'reason', counted)).toBe(true);
    expect(passes(failures, 'connection', 'fitbit')).toBe(true);
  });

  it('read only metrics fitgate exposes', async () => {
    const exposed = await exposedSeriesNames();
    for (const rule of rules()) {
      const read = metricsReadBy(rule.expr as string);
      expect(read.length).toBeGreaterThan(0);
      for (const name of read) expect({ alert: rule.alert, name, exposed: exposed.has(name) }).toEqual({ alert: rule.alert, name, exposed: true });
    }
  });
});
