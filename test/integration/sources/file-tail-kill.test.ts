import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SocdeckClient } from '../../../src/client/ws-client.js';
import type { Alert } from '../../../src/shared/alert.js';
import { Store } from '../../../src/daemon/store/store.js';
import { tempDir } from '../../support/daemon.js';
import { eveLine, quietOthers, waitFor } from './helpers.js';
import { ALERTS, QUARANTINE } from '../../../src/daemon/collections.js';

const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const TOTAL = 20_000;
const KILLS = 4;
/** Polls of 20 ms while a child daemon starts; generous because a loaded CI box starts node slowly. */
const START_POLLS = 3000;

const children: ChildProcess[] = [];
afterEach(() => {
  // A failed assertion must not leave a daemon behind.
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startChild(dataDir: string, config: string): ChildProcess {
  rmSync(join(dataDir, 'daemon.json'), { force: true });
  const child = spawn(process.execPath, [CLI, 'daemon', '--data-dir', dataDir, '--port', '0', '--config', config], { stdio: ['ignore', 'ignore', process.env.P4DEBUG ? 'inherit' : 'ignore'] });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

describe('file tail under kill -9', () => {
  it('stores each of 20k appended records exactly once while the daemon is SIGKILLed and restarted', async () => {
    expect(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first').toBe(true);
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const file = join(dir, 'alerts.json');
    writeFileSync(file, '');
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      stringify({ ...quietOthers(), demo: { enabled: false }, daemon: { logLevel: 'warn' }, ingest: { batchMaxRecords: 300, sources: [{ name: 'kill', kind: 'file', paths: [file], pollMs: 10 }] } }),
    );

    // The data is written in one slice per daemon life, in uneven pieces that often cut a line in
    // two; the kill lands while a slice is still being written and read.
    const body = Buffer.from(Array.from({ length: TOTAL }, (_, i) => eveLine(i + 1) + '\n').join(''));
    const sliceBytes = Math.ceil(body.length / (KILLS + 1));
    let written = 0;
    const writeSlice = async (end: number) => {
      for (let step = 0; written < end; step++) {
        const n = Math.min(end - written, 7_000 + ((step * 7919) % 20_000));
        appendFileSync(file, body.subarray(written, written + n));
        written += n;
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    let child = startChild(dataDir, config);
    for (let k = 0; k <= KILLS; k++) {
      await waitFor('daemon up', () => existsSync(join(dataDir, 'daemon.json')), START_POLLS, 20);
      const slice = writeSlice(Math.min(body.length, (k + 1) * sliceBytes));
      if (k === KILLS) {
        await slice;
        break;
      }
      await new Promise((r) => setTimeout(r, 40 + k * 60));
      child.kill('SIGKILL');
      await exited(child);
      await slice;
      child = startChild(dataDir, config);
    }
    const info = JSON.parse(readFileSync(join(dataDir, 'daemon.json'), 'utf8')) as { port: number };
    const client = new SocdeckClient({ url: `ws://127.0.0.1:${info.port}/`, token: readFileSync(join(dataDir, 'token'), 'utf8').trim(), client: 'test', actor: 'tester', reconnect: false });
    await client.connect();
    try {
      await waitFor('all records', async () => (await client.request('daemon.status')).alerts.total >= TOTAL, 1500, 40);
    } finally {
      client.close();
    }
    child.kill('SIGTERM');
    await exited(child);

    const store = await Store.open(dataDir);
    try {
      const alerts = store.values<Alert>(ALERTS);
      const ids = alerts.map((a) => Number(a.ruleId)).sort((a, b) => a - b);
      expect(alerts).toHaveLength(TOTAL);
      expect(ids[0]).toBe(1);
      expect(ids.at(-1)).toBe(TOTAL);
      expect(new Set(ids).size).toBe(TOTAL);
      expect(alerts.filter((a) => a.count !== 1)).toEqual([]);
      expect(store.count(QUARANTINE)).toBe(0);
    } finally {
      await store.close();
    }
  }, 180_000);
});
