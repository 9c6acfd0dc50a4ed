import { SERIES_LABELS, type ActivitySeries, type Series } from './activity_series.js';

/**
 * A stacked bar chart of some series of an ActivitySeries, as plain geometry for the template to
 * draw as inline SVG (views/dashboard/_activity_chart.eta): no script, no inline style, so the CSP
 * stays as it is. Numbers only; every label is escaped by the template.
 */
export interface ChartBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly series: Series;
}

export interface ChartTick {
  readonly x?: number;
  readonly y?: number;
  readonly label: string;
}

export interface ActivityChart {
  readonly id: string;
  readonly title: string;
  /** One sentence with the totals, the SVG's accessible name. */
  readonly summary: string;
  readonly width: number;
  readonly height: number;
  readonly plot: { left: number; top: number; right: number; bottom: number };
  readonly bars: ChartBar[];
  readonly yTicks: ChartTick[];
  readonly xTicks: ChartTick[];
  readonly legend: { series: Series; label: string; total: number }[];
  /** The numbers behind the chart: one row per bucket. */
  readonly table: { columns: string[]; rows: { label: string; start: string; values: number[] }[] };
}

// About the width a chart is shown at (22rem on a phone, half the page beside another on a wide
// screen), so the axis labels' 12 units read as 10-14 px rather than shrinking with a wider drawing.
const WIDTH = 400;
const HEIGHT = 160;
const PLOT = { left: 36, top: 8, right: WIDTH - 8, bottom: HEIGHT - 22 };

export function activityChart(
  id: string,
  title: string,
  data: ActivitySeries,
  series: readonly Series[],
  bucketLabel: (startIso: string) => string,
  everyNthLabel: number,
): ActivityChart {
  const totals = data.buckets.map((bucket) => series.reduce((sum, name) => sum + bucket.counts[name], 0));
  const top = niceMax(Math.max(0, ...totals));
  const slot = (PLOT.right - PLOT.left) / data.buckets.length;
  const barWidth = Math.max(1, round(slot * 0.7));
  const scale = (PLOT.bottom - PLOT.top) / top;
  const bars: ChartBar[] = [];
  data.buckets.forEach((bucket, index) => {
    let base = PLOT.bottom;
    for (const name of series) {
      const count = bucket.counts[name];
      if (count === 0) continue;
      const height = round(count * scale);
      base -= height;
      bars.push({ x: round(PLOT.left + index * slot + (slot - barWidth) / 2), y: round(base), width: barWidth, height, series: name });
    }
  });
  const yTicks = [0, top / 2, top].map((value) => ({ y: round(PLOT.bottom - value * scale), label: String(value) }));
  const xTicks = data.buckets
    .map((bucket, index) => ({ index, bucket }))
    .filter(({ index }) => index % everyNthLabel === 0)
    .map(({ index, bucket }) => ({ x: round(PLOT.left + index * slot + slot / 2), label: bucketLabel(bucket.start) }));
  const legend = series.map((name) => ({ series: name, label: SERIES_LABELS[name], total: data.totals[name] }));
  return {
    id,
    title,
    summary: `${title}: ${legend.map((entry) => `${entry.total} ${entry.label.toLowerCase()}`).join(', ')}.`,
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    bars,
    yTicks,
    xTicks,
    legend,
    table: {
      columns: series.map((name) => SERIES_LABELS[name]),
      rows: data.buckets.map((bucket) => ({ label: bucketLabel(bucket.start), start: bucket.start, values: series.map((name) => bucket.counts[name]) })),
    },
  };
}

/** A round, even top for the axis (4 for 3, 10 for 7, 20 for 13, 50 for 42), at least 2, so the middle tick is whole. */
export function niceMax(value: number): number {
  if (value <= 2) return 2;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 4, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= value && candidate % 2 === 0) return candidate;
  }
  return 10 * magnitude;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
