import { describe, expect, it } from '@jest/globals';
import { primaryWorkersMetrics, readDoc, servedMetrics } from './operator_files.js';

// docs/metrics.md documents every fitgate metric exposed, in one process or by a cluster primary
// about its workers, with its labels.

describe('docs/metrics.md', () => {
  it('has a row for every fitgate metric naming each of its labels', async () => {
    const doc = readDoc('metrics.md');
    const rows = new Map(
      [...doc.matchAll(/^\| `(fitgate_[a-z0-9_]+)` \| [a-z]+ \| ([^|]*) \|/gm)].map((match) => [match[1]!, match[2]!]),
    );
    const ours: Array<{ name: string; labelNames: string[] }> = [];
    for (const registry of [servedMetrics().registry, primaryWorkersMetrics()]) {
      for (const metric of await registry.getMetricsAsJSON()) {
        if (!metric.name.startsWith('fitgate_')) continue;
        ours.push({ name: metric.name, labelNames: (registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] }).labelNames });
      }
    }
    expect(ours.length).toBeGreaterThan(10);
    for (const metric of ours) {
      const documented = (rows.get(metric.name) ?? '').match(/`[a-z_]+`/g)?.map((name) => name.slice(1, -1)) ?? [];
      expect({ metric: metric.name, labels: documented }).toEqual({ metric: metric.name, labels: metric.labelNames });
    }
    expect([...rows.keys()].filter((name) => !ours.some((metric) => metric.name === name))).toEqual([]);
  });

  it('names every process metric that is exposed, and none that is not', async () => {
    const doc = readDoc('metrics.md');
    const section = doc.slice(doc.indexOf('### Node.js process'), doc.indexOf('## Alerts'));
    const documented = new Set([...section.matchAll(/`((?:nodejs|process)_[a-z0-9_]+)`/g)].map((match) => match[1]!));
    const exposed = new Set((await servedMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name).filter((name) => /^(nodejs|process)_/.test(name)));
    expect([...exposed].filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !exposed.has(name))).toEqual([]);
  });
});
