import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, requireBuild, spawnDaemon, waitExit, writeTestConfig, type ChildDaemon } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';

const socdeck = (...args: string[]) => runCli(args, { timeoutMs: 20_000 });

let dataDir: string;
let child: ChildDaemon;

beforeAll(async () => {
  requireBuild();
  dataDir = tempDir();
  child = await spawnDaemon(dataDir, writeTestConfig(dataDir));
  const c = await child.connect();
  await c.request('alerts.ingest', {
    source: 'cli-test',
    records: [
      {
        time: '2026-03-03T03:03:03.000000003Z',
        priority: 'Critical',
        rule: 'Terminal shell in container',
        output: 'A shell was spawned',
        hostname: 'k8s-node-1',
        output_fields: { 'proc.cmdline': 'bash' },
      },
      { time: '2026-03-03T03:04:00Z', priority: 'Notice', rule: 'Read sensitive file', output: 'cat /etc/shadow', hostname: 'web-01', output_fields: {} },
    ],
  });
  c.close();
});

afterAll(async () => {
  child.proc.kill('SIGTERM');
  await waitExit(child.proc);
});

describe('socdeck CLI', () => {
  it('status --json describes the running daemon', async () => {
    const r = await socdeck('status', '--json', '--data-dir', dataDir);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { pid: number; alerts: { total: number; bySeverity: Record<string, number> } };
    expect(s.pid).toBe(child.proc.pid);
    expect(s.alerts.total).toBe(2);
    expect(s.alerts.bySeverity.critical).toBe(1);
  });

  it('alerts list --json filters by severity and keeps queue order', async () => {
    const all = JSON.parse((await socdeck('alerts', 'list', '--json', '--data-dir', dataDir)).stdout) as { alerts: { severity: string; host: string }[] };
    expect(all.alerts.map((a) => a.severity)).toEqual(['critical', 'low']);
    const high = JSON.parse((await socdeck('alerts', 'list', '--json', '--min-severity', 'high', '--data-dir', dataDir)).stdout) as { alerts: { host: string }[] };
    expect(high.alerts.map((a) => a.host)).toEqual(['k8s-node-1']);
  });

  it('alerts list says when --limit truncated it, and --all streams every alert as NDJSON', async () => {
    const cut = await socdeck('alerts', 'list', '--limit', '1', '--data-dir', dataDir);
    expect(cut.stdout).toMatch(/1 of 2 alerts \(truncated at --limit 1; --all exports every one\)/);
    expect(JSON.parse((await socdeck('alerts', 'list', '--limit', '1', '--json', '--data-dir', dataDir)).stdout)).toMatchObject({ truncated: true, total: 2 });
    const all = await socdeck('alerts', 'list', '--all', '--page-size', '1', '--data-dir', dataDir);
    expect(all.code).toBe(0);
    const rows = all.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; host: string });
    expect(rows.map((r) => r.host).sort()).toEqual(['k8s-node-1', 'web-01']);
    expect(all.stderr).toMatch(/exported 2 alerts in 2 pages/);
  });

  it('exits 2 on usage errors and 1 when no daemon runs', async () => {
    const usage = await socdeck('alerts', 'list', '--min-severity', 'apocalyptic', '--data-dir', dataDir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/min-severity/);
    expect((await socdeck('frobnicate')).code).toBe(2);
    const none = await socdeck('status', '--data-dir', tempDir());
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no socdeck daemon is running/);
  });

  it('--help works for every subcommand', async () => {
    for (const args of [['--help'], ['daemon', '--help'], ['status', '--help'], ['alerts', 'list', '--help']]) {
      const r = await socdeck(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('socdeck');
    }
  });
});
