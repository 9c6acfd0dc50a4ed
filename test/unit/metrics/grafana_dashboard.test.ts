import { describe, expect, it } from '@jest/globals';
import { LOGIN_CAUSES } from '../../../src/authn/login/callback/login_cause.js';
import { exposedLabels, exposedSeriesNames, groupingsOf, labelsReadBy, metricsReadBy, readDoc } from './operator_files.js';

// docs/grafana/fitgate.json: importable (a Prometheus data-source input, no fixed data source), and
// every panel reads metrics fitgate exposes.

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Array<{ expr?: string; datasource?: { uid?: string } }>;
}

const dashboard = () =>
  JSON.parse(readDoc('grafana/fitgate.json')) as { __inputs: Array<{ name: string; pluginId: string }>; uid: string; title: string; panels: Panel[] };

describe('the Grafana dashboard', () => {
  it('is importable: it asks for a Prometheus data source instead of naming one', () => {
    const board = dashboard();
    expect(board.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', pluginId: 'prometheus' })]);
    expect(board.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    for (const panel of board.panels.filter((each) => each.type !== 'row')) {
      expect(panel.datasource?.uid).toBe('${DS_PROMETHEUS}');
      for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe('${DS_PROMETHEUS}');
    }
  });

  it('shows logins, tokens, upstream calls, the vault, HTTP, the store, the event loop and the workers, from exposed metrics only', async () => {
    const exposed = await exposedSeriesNames();
    const panels = dashboard().panels.filter((each) => each.type !== 'row');
    const read = new Set<string>();
    for (const panel of panels) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        const names = metricsReadBy(target.expr ?? '');
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          expect({ panel: panel.title, name, exposed: exposed.has(name) }).toEqual({ panel: panel.title, name, exposed: true });
          read.add(name);
        }
      }
    }
    for (const needed of [
      'fitgate_logins_total',
      'fitgate_token_exchanges_total',
      'fitgate_upstream_requests_total',
      'fitgate_upstream_request_duration_seconds_bucket',
      'fitgate_vault_refreshes_total',
      'fitgate_vault_identities_needing_reauthorization',
      'fitgate_http_requests_total',
      'fitgate_store_up',
      'fitgate_cache_lookups_total',
      'fitgate_rate_limit_refusals_total',
      'nodejs_eventloop_lag_p99_seconds',
      'fitgate_workers',
      'fitgate_workers_expected',
      'fitgate_worker_restarts_total',
    ]) {
      expect(read).toContain(needed);
    }
  });

  it('reads only labels the metrics have, and groups by tenant wherever it groups by connection', async () => {
    const labels = await exposedLabels();
    for (const panel of dashboard().panels.filter((each) => each.type !== 'row')) {
      for (const { expr = '' } of panel.targets ?? []) {
        for (const { label, metrics } of labelsReadBy(expr)) {
          for (const metric of metrics) expect({ panel: panel.title, metric, label, has: labels.get(metric)?.has(label) }).toEqual({ panel: panel.title, metric, label, has: true });
        }
        for (const grouping of groupingsOf(expr)) {
          if (grouping.includes('connection')) expect({ panel: panel.title, grouping }).toEqual({ panel: panel.title, grouping: expect.arrayContaining(['tenant']) });
        }
      }
    }
  });

  it('plots the login failure ratio as FitgateLoginFailureRate reads it: the user’s own doing and stale login links left out', () => {
    const panel = dashboard().panels.find((each) => /login failure ratio/i.test(each.title));
    const expr = panel?.targets?.[0]?.expr ?? '';
    const selectors = [...expr.matchAll(/fitgate_logins_total\{([^}]*)\}/g)].map((match) => match[1]!);
    expect(selectors).toHaveLength(2);
    const [failures, all] = selectors as [string, string];
    expect(failures).toContain('outcome="failure"');
    expect(failures).toContain('cause!~"user_denied|account_unusable|user_blocked|stale_login"');
    expect(all).toContain('cause!="stale_login"');
    for (const cause of ['user_denied', 'account_unusable', 'user_blocked', 'stale_login']) expect(LOGIN_CAUSES).toContain(cause);
  });
});
