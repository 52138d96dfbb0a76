/**
 * Ingest throughput on a realistic mix: the real Suricata/Falco samples plus Wazuh-shaped
 * records, spread over hosts and source addresses so dedup both merges and creates rows.
 * Measures parse + normalise + dedup + journal (fsync'd group commits) against a bare
 * JSON.parse loop over the same lines, in the same run.
 *
 *   node --import tsx test/bench/ingest.bench.ts [lines]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bus } from '../../src/daemon/bus.js';
import { systemClock } from '../../src/daemon/clock.js';
import { splitLines } from '../../src/daemon/sources/line-decoder.js';
import type { IncomingRecord } from '../../src/daemon/sources/record-parse.js';
import { Store } from '../../src/daemon/store/store.js';
import { ALERTS, AlertIntake } from '../../src/daemon/triage/alert-intake.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sources/', import.meta.url));
const LINES = Number(process.argv[2] ?? 200_000);
const BATCH = 5000;

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

async function ingestAll(corpus: Buffer): Promise<{ secs: number; accepted: number; skipped: number; stored: number; journalBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-bench-ingest-'));
  const store = await Store.open(dir, { checkpointEvery: 1_000_000 });
  const intake = new AlertIntake(store, new Bus(), systemClock);
  const t = process.hrtime.bigint();
  // What the file tail does: split the bytes into decoded lines, then commit in batches.
  const { lines } = splitLines(corpus, { maxLineBytes: 1024 * 1024, keepBytes: 64 * 1024, final: true });
  let accepted = 0;
  let skipped = 0;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < lines.length; i += BATCH) {
    const batch: IncomingRecord[] = lines.slice(i, i + BATCH).map((l) => ({ raw: l.text, offset: l.offset }));
    // Two batches in flight: the next one is parsed while the previous one is being fsync'd.
    inFlight.push(
      intake.ingest('bench', batch).then((r) => {
        accepted += r.accepted;
        skipped += r.skipped;
      }),
    );
    if (inFlight.length >= 2) await inFlight.shift();
  }
  await Promise.all(inFlight);
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  const stored = store.count(ALERTS);
  const journalBytes = store.journalStats.bytes;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { secs, accepted, skipped, stored, journalBytes };
}

const corpus = buildCorpus(LINES);
const lines = corpus.toString('utf8').split('\n').filter((l) => l !== '');
// Warm both paths once so neither pays the JIT alone.
bareJsonParse(lines.slice(0, 20_000));
await ingestAll(buildCorpus(20_000));

const parseSecs = bareJsonParse(lines);
const r = await ingestAll(corpus);
const records = r.accepted + r.skipped;
const rate = records / r.secs;
const baseline = lines.length / parseSecs;
console.log(`lines: ${lines.length} (${(corpus.length / 1e6).toFixed(1)} MB), alerts accepted: ${r.accepted}, non-alerts skipped: ${r.skipped}, rows after dedup: ${r.stored}`);
console.log(`journal written: ${(r.journalBytes / 1e6).toFixed(1)} MB (new rows in full, repeats as counter patches)`);
console.log(`bare JSON.parse: ${Math.round(baseline)} lines/s (${parseSecs.toFixed(2)} s); ingest: ${r.secs.toFixed(2)} s`);
console.log(`ingest: ${Math.round(rate)} alerts/s, ${(rate / baseline).toFixed(2)}x JSON.parse`);
