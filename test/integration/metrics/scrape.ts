/** One series of a Prometheus text-format scrape. */
export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Scrape {
  readonly text: string;
  readonly contentType: string;
  readonly series: readonly Series[];
  /** The sum of every series named `name` whose labels include `labels`; 0 when none does. */
  value(name: string, labels?: Readonly<Record<string, string>>): number;
}

/** GETs /metrics and parses the text format (https://prometheus.io/docs/instrumenting/exposition_formats/). */
export async function scrape(metricsUrl: string): Promise<Scrape> {
  const response = await fetch(metricsUrl);
  if (response.status !== 200) throw new Error(`GET ${metricsUrl} answered ${response.status}`);
  const text = await response.text();
  const series = parseExposition(text);
  return {
    text,
    contentType: response.headers.get('content-type') ?? '',
    series,
    value(name, labels = {}) {
      return series
        .filter((each) => each.name === name && Object.entries(labels).every(([key, wanted]) => each.labels[key] === wanted))
        .reduce((sum, each) => sum + each.value, 0);
    },
  };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;

export function parseExposition(text: string): Series[] {
  const series: Series[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) {
      labels[key!] = raw!.replace(/\\(.)/g, (_all, escaped: string) => (escaped === 'n' ? '\n' : escaped));
    }
    series.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return series;
}
