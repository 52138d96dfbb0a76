import type { ChartSpec } from '../document.js';
import { barChart } from './bar-chart.js';
import { lineChart } from './line-chart.js';

/** Inline SVG for any chart spec. */
export function chartSvg(spec: ChartSpec, title: string): string {
  return spec.type === 'bar' ? barChart(spec, title) : lineChart(spec, title);
}
