/**
 * Ingest throughput on a realistic mix: the real Suricata/Falco samples plus Wazuh-shaped
 * records, spread over hosts and source addresses so dedup both merges and creates rows.
 * Measures the daemon's file tail reading a file of them: read + decode + parse + normalise +
 * dedup + journal (fsync'd commits), against a bare JSON.parse loop over the same lines in the
 * same run. The tail runs as the daemon runs it: with its long-lived parse thread (started and
 * warmed before the clock, as a daemon's is by the time a backlog arrives), and again on one
 * thread. Three rounds of all three; the final line is the median round of the daemon's default.
 *
 *   node --import tsx test/bench/ingest.bench.ts [lines]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bus } from '../../src/daemon/bus.js';
import { systemClock } from '../../src/daemon/clock.js';
import { createLogger } from '../../src/daemon/logger.js';
import { ChunkParser } from '../../src/daemon/sources/chunk-parser.js';
import { FileTail } from '../../src/daemon/sources/file-tail.js';
import { IngestConfig, type FileSourceConfig } from '../../src/daemon/sources/ingest-config.js';
import { DEFAULT_PARSERS } from '../../src/daemon/sources/parsers/registry.js';
import { SourceReporter } from '../../src/daemon/sources/source-reporter.js';
import { Store } from '../../src/daemon/store/store.js';
import { AlertIntake } from '../../src/daemon/sources/alert-intake.js';
import { ALERTS } from '../../src/daemon/collections.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const LINES = Number(process.argv[2] ?? 200_000);

function samples(): Record<string, unknown>[] {
  const files = ['suricata_eve_crowdsec_hub_evelog.jsonl', 'suricata_eve_crowdsec_hub_detect.jsonl', 'falco_events_falcosidekick.jsonl', 'wazuh4_alerts_handwritten.jsonl'];
  return files.flatMap((f) =>
    readFileSync(FIXTURES + f, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}

/** Each line is a sample with its host, source address and time varied, as a busy sensor fleet would send. */
function buildCorpus(n: number): Buffer {
  const base = samples();
  const out: string[] = [];
  const t0 = Date.parse('2026-05-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const rec = structuredClone(base[i % base.length]!);
    const host = `sensor-${i % 50}`;
    // Attackers repeat: a pool of 60 source addresses, so dedup folds repeats as it would in production.
    const ip = `198.51.100.${(i * 7) % 60}`;
    const time = new Date(t0 + i * 20).toISOString();
    if ('event_type' in rec) Object.assign(rec, { host, src_ip: ip, timestamp: time.replace('Z', '+0000') });
    else if ('output' in rec) Object.assign(rec, { hostname: host, time });
    else Object.assign(rec, { agent: { ...(rec.agent as object), name: host }, data: { ...(rec.data as object), srcip: ip }, timestamp: time.replace('Z', '+0000') });
    out.push(JSON.stringify(rec));
  }
  return Buffer.from(out.join('\n') + '\n');
}

function bareJsonParse(lines: string[]): number {
  const t = process.hrtime.bigint();
  let n = 0;
  for (const l of lines) if (JSON.parse(l) !== null) n++;
  if (n !== lines.length) throw new Error('parse count mismatch');
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** The real file tail over a real file: read, split, parse, dedup, journal. */
async function ingestAll(corpus: Buffer, parser: ChunkParser): Promise<{ secs: number; accepted: number; skipped: number; stored: number; journalBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-bench-ingest-'));
  const file = join(dir, 'eve.json');
  writeFileSync(file, corpus);
  const store = await Store.open(join(dir, 'data'), { checkpointEvery: 1_000_000 });
  const intake = new AlertIntake(store, new Bus(), systemClock);
  const cfg = IngestConfig.parse({ sources: [{ name: 'bench', kind: 'file', paths: [file] }] });
  let accepted = 0;
  let skipped = 0;
  // Counts what the tail commits, as its status line would.
  const intakeCounting = Object.assign(Object.create(intake) as AlertIntake, {
    begin: (...args: Parameters<AlertIntake['begin']>) => {
      const batch = intake.begin(...args);
      return {
        ...batch,
        commit: async (...c: Parameters<typeof batch.commit>) => {
          const r = await batch.commit(...c);
          accepted += r.accepted;
          skipped += r.skipped;
          return r;
        },
      };
    },
  });
  const tail = new FileTail({
    cfg: cfg.sources[0] as FileSourceConfig,
    intake: intakeCounting,
    store,
    log: createLogger({ sink: () => {} }),
    reporter: new SourceReporter({ report: () => {} }, 'bench', 'file'),
    maxLineBytes: cfg.maxLineBytes,
    keepBytes: cfg.quarantineRawBytes,
    batchMaxRecords: cfg.batchMaxRecords,
    parser,
  });
  const t = process.hrtime.bigint();
  await tail.poll();
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  const stored = store.count(ALERTS);
  const journalBytes = store.journalStats.bytes;
  await tail.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { secs, accepted, skipped, stored, journalBytes };
}

/** The baseline's lines are decoded up front and dropped after, so neither side pays for the other's heap. */
function baseline(corpus: Buffer): { lines: number; secs: number } {
  const lines = corpus
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  return { lines: lines.length, secs: bareJsonParse(lines) };
}

const corpus = buildCorpus(LINES);
// As the ingest module keeps one for the daemon's life (parseWorker): a parse thread beside the
// tail's, or none. Its parsers need no mappings: the bench's records are all built-in formats.
const threaded = new ChunkParser({ parsers: DEFAULT_PARSERS, mappings: [], worker: true });
// The same pipeline with every chunk parsed on the tail's own thread (parseWorker: false, or a one-core host).
const oneThread = new ChunkParser({ parsers: DEFAULT_PARSERS, mappings: [], worker: false });
// Warm both paths once so neither pays the JIT (or the worker's start) alone.
const warm = buildCorpus(20_000);
baseline(warm);
await ingestAll(warm, threaded);
await ingestAll(warm, oneThread);

// This 2-core VM's speed drifts by a third between seconds: each round runs the baseline and both
// tails back to back, so a round's ratio compares like with like, and the median round is reported.
const ROUNDS = 3;
type Round = { baseRate: number; rate: number; singleRate: number; tail: Awaited<ReturnType<typeof ingestAll>>; baseSecs: number };
const rounds: Round[] = [];
const rateOf = (r: { accepted: number; skipped: number; secs: number }): number => (r.accepted + r.skipped) / r.secs;
for (let i = 0; i < ROUNDS; i++) {
  const base = baseline(corpus);
  const tail = await ingestAll(corpus, threaded);
  const single = await ingestAll(corpus, oneThread);
  const round = { baseRate: base.lines / base.secs, rate: rateOf(tail), singleRate: rateOf(single), tail, baseSecs: base.secs };
  rounds.push(round);
  console.log(
    `round ${i + 1}: bare JSON.parse ${base.secs.toFixed(2)} s; file tail ${tail.secs.toFixed(2)} s = ${Math.round(round.rate)} alerts/s, ${(round.rate / round.baseRate).toFixed(2)}x; ` +
      `one thread (parseWorker: false) ${single.secs.toFixed(2)} s = ${Math.round(round.singleRate)} alerts/s, ${(round.singleRate / round.baseRate).toFixed(2)}x`,
  );
}
await threaded.close();

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const { tail } = rounds[0]!;
console.log(`lines: ${LINES} (${(corpus.length / 1e6).toFixed(1)} MB), alerts accepted: ${tail.accepted}, non-alerts skipped: ${tail.skipped}, rows after dedup: ${tail.stored}`);
console.log(`journal written: ${(tail.journalBytes / 1e6).toFixed(1)} MB (new rows in full, repeats as counter patches)`);
console.log(`median of ${ROUNDS} rounds: bare JSON.parse ${Math.round(median(rounds.map((r) => r.baseRate)))} lines/s; one thread ${median(rounds.map((r) => r.singleRate / r.baseRate)).toFixed(2)}x`);
console.log(`ingest: ${Math.round(median(rounds.map((r) => r.rate)))} alerts/s, ${median(rounds.map((r) => r.rate / r.baseRate)).toFixed(2)}x JSON.parse`);
