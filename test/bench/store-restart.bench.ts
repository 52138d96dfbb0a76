/**
 * Store restart and graceful stop at scale (issue 25's goals):
 * - restart: Store.open on 100k alerts, half in checkpoint.json and half as journal entries of
 *   one alert each (a busy day since the last checkpoint); goal < 3 s. Baseline in the same
 *   run: readFileSync + JSON.parse of that checkpoint alone.
 * - stop: a real daemon (`socdeck daemon`, run from source) on 200k alerts, SIGTERM -> exit;
 *   goal < 5 s and no `.tmp` file left in the data dir.
 *
 *   node --import tsx test/bench/store-restart.bench.ts [restartAlerts] [stopAlerts]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALERTS } from '../../src/daemon/collections.js';
import { Store } from '../../src/daemon/store/store.js';
import { REPO_ROOT, writeTestConfig } from '../support/child-daemon.js';
import { tempDir } from '../support/daemon.js';

const RESTART_ALERTS = Number(process.argv[2] ?? 100_000);
const STOP_ALERTS = Number(process.argv[3] ?? 200_000);

/** An alert row shaped like what intake stores for a Suricata event. */
function alert(i: number) {
  const time = new Date(Date.parse('2026-05-01T00:00:00Z') + i * 1000).toISOString();
  const raw = JSON.stringify({
    timestamp: time,
    flow_id: 1e9 + i,
    event_type: 'alert',
    src_ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
    src_port: 40000 + (i % 2000),
    dest_ip: '198.51.100.1',
    dest_port: 443,
    proto: 'TCP',
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: 2024468 + (i % 300),
      rev: 1,
      signature: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection (CVE-2017-9791)',
      category: 'Web Application Attack',
      severity: 1,
    },
  });
  return {
    id: `a${i.toString(36).padStart(8, '0')}`,
    fingerprint: (i * 2654435761).toString(16).padStart(16, '0').slice(-16),
    customer: `cust-${i % 12}`,
    source: 'eve',
    product: 'suricata',
    ruleId: String(2024468 + (i % 300)),
    title: 'ET WEB_SPECIFIC_APPS OGNL Expression Injection (CVE-2017-9791)',
    severity: 'high',
    rawSeverity: 1,
    time,
    host: `sensor-${i % 50}`,
    srcIp: `10.0.${(i >> 8) & 255}.${i & 255}`,
    srcPort: 40000 + (i % 2000),
    dstIp: '198.51.100.1',
    dstPort: 443,
    raw,
    rawLength: raw.length,
    firstSeen: time,
    lastSeen: time,
    count: 1,
    state: 'new',
    rev: 0,
  };
}

/** A data dir with `inCheckpoint` alerts in checkpoint.json and `inJournal` more as one-alert journal entries. */
async function seed(dir: string, inCheckpoint: number, inJournal: number): Promise<void> {
  const store = await Store.open(dir, { checkpointEvery: 1e9 });
  for (let i = 0; i < inCheckpoint; i += 5000)
    await store.commit(Array.from({ length: Math.min(5000, inCheckpoint - i) }, (_, k) => ({ op: 'put' as const, coll: ALERTS, id: alert(i + k).id, value: alert(i + k) })));
  await store.checkpoint();
  const pending: Promise<void>[] = [];
  for (let i = inCheckpoint; i < inCheckpoint + inJournal; i++) pending.push(store.commit([{ op: 'put', coll: ALERTS, id: alert(i).id, value: alert(i) }]));
  await Promise.all(pending);
  // Closed without a checkpoint: the journal entries stay for the next open to replay.
  await store.close();
}

async function restart(): Promise<void> {
  const dir = tempDir('socdeck-bench-restart-');
  const half = RESTART_ALERTS / 2;
  await seed(dir, half, half);
  const cp = join(dir, 'checkpoint.json');
  const cpMB = (statSync(cp).size / 1e6).toFixed(0);
  const t0 = performance.now();
  JSON.parse(readFileSync(cp, 'utf8'));
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const store = await Store.open(dir);
  const openMs = performance.now() - t1;
  const rows = store.count(ALERTS);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (rows !== RESTART_ALERTS) throw new Error(`restart lost rows: ${rows}`);
  console.log(
    `restart at ${RESTART_ALERTS} alerts (${half} in a ${cpMB} MB checkpoint, ${half} journal entries): Store.open ${(openMs / 1000).toFixed(2)} s (goal < 3 s: ${openMs < 3000 ? 'met' : 'missed'}); baseline JSON.parse of the checkpoint ${(parseMs / 1000).toFixed(2)} s, ratio ${(openMs / parseMs).toFixed(1)}x`,
  );
}

async function stop(): Promise<void> {
  const dir = tempDir('socdeck-bench-stop-');
  await seed(dir, STOP_ALERTS, 0);
  const config = writeTestConfig(tempDir('socdeck-bench-cfg-'), 'leaks:\n  enabled: false\n  demo:\n    enabled: false\nreports:\n  schedule:\n    enabled: false\n');
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli.ts'), 'daemon', '--data-dir', dir, '--port', '0', '--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const t0 = performance.now();
  for (let i = 0; i < 2400 && !existsSync(join(dir, 'daemon.json')); i++) {
    if (proc.exitCode !== null) throw new Error(`daemon exited: ${stderr}`);
    await sleep(50);
  }
  const startSecs = (performance.now() - t0) / 1000;
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const t1 = performance.now();
  proc.kill('SIGTERM');
  const code = await exited;
  const stopSecs = (performance.now() - t1) / 1000;
  const temps = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tmp'));
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `daemon on ${STOP_ALERTS} alerts: started in ${startSecs.toFixed(1)} s; SIGTERM -> exit ${stopSecs.toFixed(2)} s, exit code ${code} (goal < 5 s: ${stopSecs < 5 && code === 0 ? 'met' : 'missed'}); temp files left: ${temps.length ? temps.join(', ') : 'none'}`,
  );
}

await restart();
await stop();
console.log(`load: ${execFileSync('uptime').toString().trim()}`);
