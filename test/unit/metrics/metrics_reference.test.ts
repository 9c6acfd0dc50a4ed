import { describe, expect, it } from '@jest/globals';
import { readDoc, servedMetrics } from './operator_files.js';

// docs/metrics.md documents every fitgate metric the registry exposes, with its labels.

describe('docs/metrics.md', () => {
  it('has a row for every fitgate metric naming each of its labels', async () => {
    const doc = readDoc('metrics.md');
    const rows = new Map(
      [...doc.matchAll(/^\| `(fitgate_[a-z0-9_]+)` \| [a-z]+ \| ([^|]*) \|/gm)].map((match) => [match[1]!, match[2]!]),
    );
    const { registry } = servedMetrics();
    const ours = (await registry.getMetricsAsJSON()).filter((metric) => metric.name.startsWith('fitgate_'));
    expect(ours.length).toBeGreaterThan(10);
    for (const metric of ours) {
      const labelNames = (registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] }).labelNames;
      const documented = (rows.get(metric.name) ?? '').match(/`[a-z_]+`/g)?.map((name) => name.slice(1, -1)) ?? [];
      expect({ metric: metric.name, labels: documented }).toEqual({ metric: metric.name, labels: labelNames });
    }
    expect([...rows.keys()].filter((name) => !ours.some((metric) => metric.name === name))).toEqual([]);
  });
});
