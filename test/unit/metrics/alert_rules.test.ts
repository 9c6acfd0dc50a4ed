import { describe, expect, it } from '@jest/globals';
import { exposedSeriesNames, metricsReadBy, parseYaml, readDoc } from './operator_files.js';

// docs/prometheus/alerts.yml: a Prometheus rule file covering the five cases the issue names, reading
// only metrics fitgate exposes. (A structural check: promtool is not part of the toolchain; run
// `promtool check rules docs/prometheus/alerts.yml` where Prometheus is installed.)

interface Rule {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
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

  it('read only metrics fitgate exposes', async () => {
    const exposed = await exposedSeriesNames();
    for (const rule of rules()) {
      const read = metricsReadBy(rule.expr as string);
      expect(read.length).toBeGreaterThan(0);
      for (const name of read) expect({ alert: rule.alert, name, exposed: exposed.has(name) }).toEqual({ alert: rule.alert, name, exposed: true });
    }
  });
});
