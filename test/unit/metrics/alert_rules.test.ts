import { describe, expect, it } from '@jest/globals';
import { LOGIN_CAUSES } from '../../../src/authn/login/callback/login_cause.js';
import { exposedLabels, exposedSeriesNames, groupingsOf, labelsReadBy, metricsReadBy, parseYaml, readDoc } from './operator_files.js';

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

  /** Login causes that are the user's own doing (docs/metrics.md), which no login alert counts as a failure. */
  const USERS_OWN = ['user_denied', 'account_unusable', 'user_blocked', 'stale_login'];

  it.each(['FitgateLoginFailureRate', 'FitgateLoginsNearlyAllFailing'])(
    '%s counts every cause of a failed login but the user’s own doing, and leaves stale login links out of every count',
    (alert) => {
      const expr = rules().find((rule) => rule.alert === alert)?.expr as string;
      const selectors = selectorsOf(expr, 'fitgate_logins_total');
      expect(selectors.length).toBeGreaterThanOrEqual(2);
      for (const selector of selectors) expect(passes(selector, 'cause', 'stale_login')).toBe(false);
      const failures = selectors.find((selector) => selector.some((matcher) => matcher.label === 'outcome'))!;
      expect(passes(failures, 'outcome', 'failure')).toBe(true);
      for (const cause of LOGIN_CAUSES.filter((each) => each !== 'none')) {
        expect({ cause, counted: passes(failures, 'cause', cause) }).toEqual({ cause, counted: !USERS_OWN.includes(cause) });
      }
      // The OAuth error joins the user's doing and fitgate's failures: the alert does not read it.
      expect(selectors.flat().some((matcher) => matcher.label === 'reason')).toBe(false);
    },
  );

  it('warn of a wave of logins refused for the user’s account, which no page counts', () => {
    const warning = rules().filter((rule) => rule.labels?.severity === 'warning' && metricsReadBy(rule.expr as string).includes('fitgate_logins_total'));
    const unusable = warning.find((rule) => selectorsOf(rule.expr as string, 'fitgate_logins_total').some((selector) => selector.some((matcher) => matcher.label === 'cause' && matcher.op === '=')));
    const [counted] = selectorsOf(unusable?.expr as string, 'fitgate_logins_total');
    expect(LOGIN_CAUSES.filter((cause) => passes(counted!, 'cause', cause))).toEqual(['account_unusable']);
  });

  it('page for a connection whose settings the upstream refuses, from logins (no TRY) and from refreshes', () => {
    const paging = rules().filter((rule) => rule.labels?.severity === 'page');
    const settings = paging.find((rule) => /settings/i.test(rule.alert as string) && metricsReadBy(rule.expr as string).includes('fitgate_logins_total'));
    const [refused] = selectorsOf(settings?.expr as string, 'fitgate_logins_total');
    expect(LOGIN_CAUSES.filter((cause) => passes(refused!, 'cause', cause)).sort()).toEqual(
      ['upstream_api_not_enabled', 'upstream_invalid_client', 'upstream_redirect_uri_mismatch'],
    );
    // The runbook: each refusal's fix.
    expect(settings?.annotations?.description).toMatch(/paste the client secret again/);
    expect(settings?.annotations?.description).toMatch(/register <tenant URL>\/login\/callback/);
    expect(settings?.annotations?.description).toMatch(/enable it in the upstream's console/);

    const client = paging.find((rule) => metricsReadBy(rule.expr as string).includes('fitgate_vault_connection_pauses_total'));
    const [paused] = selectorsOf(client?.expr as string, 'fitgate_vault_connection_pauses_total');
    expect(passes(paused!, 'reason', 'client_refused')).toBe(true);
    expect(passes(paused!, 'reason', 'rate_limited')).toBe(false);
    expect(client?.annotations?.description).toMatch(/Paste the client secret again/);
  });

  it('page for an unusable store per instance, saying where to read why', () => {
    const store = rules().find((rule) => rule.alert === 'FitgateStoreUnavailable');
    expect(groupingsOf(store?.expr as string)).toEqual([['instance']]);
    expect(store?.annotations?.summary).toContain('{{ $labels.instance }}');
    expect(store?.annotations?.description).toContain('GET /health/ready');
    expect(store?.annotations?.description).toContain('`store` says why');
    expect(store?.annotations?.description).not.toMatch(/ping/);
  });

  it('warn of a Redis connection that keeps dropping and coming back, per instance, which no store-up alert sees', () => {
    const flapping = rules().find((rule) => metricsReadBy(rule.expr as string).includes('fitgate_store_connections_lost_total'));
    const expr = flapping?.expr as string;
    expect(flapping?.labels?.severity).toBe('warning');
    expect(groupingsOf(expr)).toEqual([['instance']]);
    // Repeated losses: a count over a window, more than one of them, never the first loss alone.
    expect(expr).toMatch(/increase\(fitgate_store_connections_lost_total\[\d+m\]\)/);
    const threshold = /\)\s*(>=|>)\s*(\d+)\s*$/.exec(expr.trim());
    expect(threshold).not.toBeNull();
    expect(Number(threshold![2]) + (threshold![1] === '>' ? 1 : 0)).toBeGreaterThanOrEqual(2);
    expect(flapping?.annotations?.summary).toContain('{{ $labels.instance }}');
    expect(flapping?.annotations?.description).toContain('Redis connection lost');
  });

  /**
   * Minutes from the start of a total failure to the page, for a rule comparing a ratio over a
   * window W with a threshold t for a duration F: the ratio reaches t after t·W of failures only
   * (traffic steady), then F passes. (FitgateUpstreamErrorRate: 0.10 · 5 + 10 = 10.5.)
   */
  function minutesToPageAtTotalFailure(rule: Rule): number | undefined {
    const expr = rule.expr as string;
    const threshold = /\)\s*>\s*(0\.\d+)/.exec(expr)?.[1];
    const windows = [...expr.matchAll(/\[(\d+)m\]/g)].map((match) => Number(match[1]));
    if (threshold === undefined || windows.length === 0) return undefined;
    return Number(threshold) * Math.max(...windows) + Number(/^(\d+)m$/.exec(rule.for as string)?.[1] ?? Number.NaN);
  }

  it.each(['fitgate_upstream_requests_total', 'fitgate_logins_total', 'fitgate_vault_refreshes_total'])(
    'page within 5 minutes when nearly every one of %s fails',
    (metric) => {
      const paging = rules().filter((rule) => rule.labels?.severity === 'page' && metricsReadBy(rule.expr as string).includes(metric));
      const fastest = Math.min(...paging.map((rule) => minutesToPageAtTotalFailure(rule) ?? Number.POSITIVE_INFINITY));
      expect({ metric, fastest, withinFiveMinutes: fastest <= 5 }).toEqual({ metric, fastest, withinFiveMinutes: true });
    },
  );

  it('group by tenant wherever they group by connection: every tenant’s connection may have the same name', () => {
    for (const rule of rules()) {
      for (const grouping of groupingsOf(rule.expr as string)) {
        if (grouping.includes('connection')) expect({ alert: rule.alert, grouping }).toEqual({ alert: rule.alert, grouping: expect.arrayContaining(['tenant']) });
      }
    }
  });

  it('read only labels the metrics they read have, and only login causes fitgate counts', async () => {
    const labels = await exposedLabels();
    for (const rule of rules()) {
      const expr = rule.expr as string;
      for (const { label, metrics } of labelsReadBy(expr)) {
        for (const metric of metrics) expect({ alert: rule.alert, metric, label, has: labels.get(metric)?.has(label) }).toEqual({ alert: rule.alert, metric, label, has: true });
      }
      for (const matcher of selectorsOf(expr, 'fitgate_logins_total').flat().filter((each) => each.label === 'cause')) {
        for (const cause of matcher.value.split('|')) expect({ alert: rule.alert, cause, known: LOGIN_CAUSES.includes(cause as never) }).toEqual({ alert: rule.alert, cause, known: true });
      }
    }
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
