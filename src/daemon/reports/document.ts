/**
 * The renderer-neutral shape of a finished report: every string already translated and every
 * date already formatted. Builders compute figures, composers turn figures into this, and the
 * Markdown and HTML renderers only lay it out, so a new report never touches a renderer.
 */

export interface BarChartSpec {
  type: 'bar';
  /** One label per bar group (x axis, or rows when horizontal). */
  categories: string[];
  series: { name: string; values: number[]; color?: string }[];
  stacked: boolean;
  horizontal: boolean;
}

export interface LineChartSpec {
  type: 'line';
  categories: string[];
  series: { name: string; values: number[]; color?: string }[];
}

export type ChartSpec = BarChartSpec | LineChartSpec;

/** A grid of counts (rows × columns) shown as a colour-scaled table. */
export interface HeatMapSpec {
  corner: string;
  rows: string[];
  columns: string[];
  /** values[row][column]. */
  values: number[][];
  max: number;
}

export type Tone = 'good' | 'bad' | 'neutral';

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'metrics'; items: { label: string; value: string; note?: string; tone?: Tone }[] }
  | { type: 'table'; columns: string[]; rows: string[][]; numeric?: number[]; empty: string }
  | { type: 'chart'; title: string; chart: ChartSpec }
  | { type: 'heatmap'; title: string; heat: HeatMapSpec; empty: string }
  | { type: 'list'; items: string[] }
  | { type: 'callout'; tone: 'info' | 'warn'; text: string };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ReportDoc {
  title: string;
  subtitle: string;
  lang: string;
  /** Label/value lines under the title: customer, period, generated at, time zone. */
  meta: [string, string][];
  sections: Section[];
  footer: string;
}
