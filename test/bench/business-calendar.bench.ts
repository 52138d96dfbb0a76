/**
 * addBusinessMinutes over 1M random starts in 2025-2026 on the cn calendar (goal ≥ 1M ops/s),
 * against a baseline in the same run: the same loop doing plain wall-clock addition.
 * Run: node --import tsx test/bench/business-calendar.bench.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addBusinessMinutes, BusinessCalendar, parseCalendar } from '../../src/shared/calendar/index.js';

const N = 1_000_000;
const cal = new BusinessCalendar(parseCalendar(readFileSync(fileURLToPath(new URL('../../config/calendars/cn.yaml', import.meta.url)), 'utf8'), 'cn.yaml'));
const from = Date.parse('2025-01-01T00:00:00+08:00');
const span = Date.parse('2026-11-30T00:00:00+08:00') - from;

// Deterministic pseudo-random inputs (xorshift), generated before timing.
let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
};
const starts = new Float64Array(N).map(() => from + Math.floor((rand() * span) / 1000) * 1000);
const minutes = new Float64Array(N).map(() => 1 + Math.floor(rand() * 600));

function time(label: string, fn: (s: number, m: number) => Date): number {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink = (sink + fn(starts[i]!, minutes[i]!).getTime()) % 1_000_003;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const ops = N / secs;
  console.log(`${label.padEnd(34)} ${Math.round(ops).toLocaleString('en-US').padStart(12)} ops/s  (${secs.toFixed(3)} s, sink ${sink})`);
  return ops;
}

time('warm-up addBusinessMinutes', (s, m) => addBusinessMinutes(s, m, cal));
const baseline = time('baseline: wall-clock Date add', (s, m) => new Date(s + m * 60_000));
const business = time('addBusinessMinutes (cn)', (s, m) => addBusinessMinutes(s, m, cal));
console.log(`ratio business/baseline: ${(business / baseline).toFixed(3)}  goal ≥ 1,000,000 ops/s: ${business >= 1_000_000 ? 'met' : 'NOT met'}`);
