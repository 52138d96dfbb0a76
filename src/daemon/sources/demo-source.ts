import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../config.js';
import type { ModuleContext } from '../module.js';
import { DEMO_CUSTOMER } from '../demo-switch.js';
import type { IncomingRecord } from '../intake.js';

export const DemoConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Records replayed per second. */
    rate: z.number().min(0.1).max(10_000).default(4),
    dir: z.string().default('demo/alerts'),
    /** Demo sensor names the samples are spread over, so the queue looks like a small fleet. */
    hosts: z.array(z.string()).default(['web-01', 'web-02', 'db-01', 'k8s-node-1']),
  })
  .strict();
export type DemoConfig = z.infer<typeof DemoConfig>;

/** The timestamp field each sample format carries; the demo moves it to "now". */
const TIME_FIELDS = ['timestamp', 'time', '@timestamp'] as const;

export const samplesDir = (cfg: DemoConfig): string => (isAbsolute(cfg.dir) ? cfg.dir : join(PACKAGE_ROOT, cfg.dir));

export interface Sample {
  raw: string;
  value: Record<string, unknown>;
  origin: string;
}

/** The bundled samples, one per non-empty line of each `.jsonl` file, in file order; none is an error. */
export function loadSamples(dir: string): Sample[] {
  const out: Sample[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        out.push({ raw: line, value: JSON.parse(line) as Record<string, unknown>, origin: `${file}:${i + 1}` });
      });
  }
  if (out.length === 0) throw new Error(`demo: no .jsonl samples in ${dir}`);
  return out;
}

/**
 * Replays the bundled real samples so `npm start` shows a live queue with no configuration.
 * Returns the function that stops it.
 */
export function startDemoReplay(ctx: Pick<ModuleContext<DemoConfig>, 'config' | 'clock' | 'intake' | 'sources'>, samples: readonly Sample[]): () => void {
  const cfg = ctx.config;
  let next = 0;
  let ingested = 0;
  const report = (state: 'running' | 'error', lastError?: string) => ctx.sources.report({ name: 'demo', kind: 'demo-replay', state, ingested, ...(lastError ? { lastError } : {}) });
  report('running');
  const tickMs = Math.max(20, 1000 / cfg.rate);
  const perTick = Math.max(1, Math.round((cfg.rate * tickMs) / 1000));
  const timer = setInterval(() => {
    const batch: IncomingRecord[] = [];
    for (let i = 0; i < perTick; i++) {
      const s = samples[next % samples.length]!;
      const host = cfg.hosts[Math.floor(next / samples.length) % cfg.hosts.length];
      next++;
      const value: Record<string, unknown> = { ...s.value };
      const now = new Date(ctx.clock.now()).toISOString();
      for (const f of TIME_FIELDS) if (typeof value[f] === 'string') value[f] = now;
      if ('hostname' in value || 'output' in value) value.hostname = host;
      else if ('event_type' in value) value.host = host;
      batch.push({ raw: JSON.stringify(value), value, origin: s.origin });
    }
    ctx.intake.ingest('demo', batch, { customer: DEMO_CUSTOMER }).then(
      (r) => {
        ingested += r.accepted;
        report('running');
      },
      (err: unknown) => report('error', err instanceof Error ? err.message : String(err)),
    );
  }, tickMs);
  return () => clearInterval(timer);
}
