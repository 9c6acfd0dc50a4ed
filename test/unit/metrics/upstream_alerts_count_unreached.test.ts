import { describe, expect, it } from '@jest/globals';
import { parseYaml, readDoc } from './operator_files.js';

interface Rule {
  alert: string;
  expr: string;
  annotations: { description: string };
}

/** The `result` matchers of every fitgate_upstream_requests_total selector in `expr` that has some. */
function resultMatchers(expr: string): Array<Array<{ op: string; value: string }>> {
  return [...expr.matchAll(/\bfitgate_upstream_requests_total\{([^}]*)\}/g)]
    .map((selector) => [...selector[1]!.matchAll(/\bresult\s*(=~|!~|!=|=)\s*"([^"]*)"/g)].map(([, op, value]) => ({ op: op!, value: value! })))
    .filter((matchers) => matchers.length > 0);
}

/** Whether `result` gets past every matcher (PromQL regexes are anchored). */
function counted(matchers: Array<{ op: string; value: string }>, result: string): boolean {
  return matchers.every(({ op, value }) => {
    const matches = op.includes('~') ? new RegExp(`^(?:${value})$`).test(result) : result === value;
    return op.startsWith('!') ? !matches : matches;
  });
}

// A call that never reached the upstream (`tls`, `network`: docs/metrics.md) fails every login and
// refresh of the connection as surely as an outage: the upstream error alerts count it, and the
// main one tells the operator where to look for it, which is this server's side.
describe('the upstream error alerts and calls that never reached the upstream', () => {
  const rules = (parseYaml(readDoc('prometheus/alerts.yml')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((group) => group.rules);
  const upstreamFailureRules = rules.filter((rule) => resultMatchers(rule.expr).length > 0);

  it('count tls and network wherever they count unavailable', () => {
    const outageSelectors = upstreamFailureRules.flatMap((rule) => resultMatchers(rule.expr).filter((matchers) => counted(matchers, 'unavailable')).map((matchers) => ({ alert: rule.alert, matchers })));
    expect(outageSelectors.map(({ alert }) => alert)).toContain('FitgateUpstreamErrorRate');
    for (const { alert, matchers } of outageSelectors) {
      for (const result of ['tls', 'network']) expect({ alert, result, counted: counted(matchers, result) }).toEqual({ alert, result, counted: true });
    }
  });

  it('say what tls and network mean and where to look', () => {
    const description = rules.find((rule) => rule.alert === 'FitgateUpstreamErrorRate')!.annotations.description;
    expect(description).toMatch(/\btls\b/);
    expect(description).toMatch(/\bnetwork\b/);
    expect(description).toContain('NODE_EXTRA_CA_CERTS');
  });
});
