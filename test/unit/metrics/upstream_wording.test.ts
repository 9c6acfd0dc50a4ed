import { describe, expect, it } from '@jest/globals';
import { parseYaml, readDoc } from './operator_files.js';

/**
 * fitgate_upstream_requests_total counts the calls of every connection's plugin, not Fitbit's alone:
 * the operator's alert and dashboard row about it name no upstream as if it were the only one.
 * (A Fitbit example, marked as one, may follow.)
 */
describe('the operator files on upstream calls', () => {
  it('word the upstream error alert for any connection’s upstream', () => {
    const file = parseYaml(readDoc('prometheus/alerts.yml')) as { groups: Array<{ rules: Array<{ alert: string; annotations: { summary: string; description: string } }> }> };
    const rule = file.groups.flatMap((group) => group.rules).find((candidate) => candidate.alert === 'FitgateUpstreamErrorRate');
    const withoutExamples = `${rule?.annotations.summary} ${rule?.annotations.description.replace(/\be\.g\. [^,)]*/g, '')}`;
    expect(withoutExamples).toContain('calls to the connection\'s upstream failed');
    expect(withoutExamples).not.toMatch(/Fitbit|Google|legacy|google-health/i);
  });

  it('title the Grafana row of upstream panels without naming an upstream', () => {
    const dashboard = JSON.parse(readDoc('grafana/fitgate.json')) as { panels: Array<{ type: string; title: string }> };
    const rows = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(rows).toContain('Upstream');
    expect(rows.join(' ')).not.toMatch(/Fitbit|Google/);
  });
});
