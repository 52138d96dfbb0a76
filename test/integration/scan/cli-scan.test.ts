import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScanConfig, localPortScan } from '../../../src/daemon/scan/local-scan.js';
import { CLI, requireBuild } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';

/** The built CLI (npm test builds first), as a user runs it. */
function socdeck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A listener that counts every connection it ever sees: the proof that nothing was sent. */
async function countingListener(host: string): Promise<{ port: number; connections: () => number; server: Server }> {
  let n = 0;
  const server = createServer((c) => {
    n++;
    // The scanner hangs up as soon as it has its answer; a reset here is expected.
    c.on('error', () => {});
    c.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return { port: (server.address() as AddressInfo).port, connections: () => n, server };
}

describe('socdeck scan ports (no daemon)', () => {
  let config: string;
  let inScope: Awaited<ReturnType<typeof countingListener>>;
  let outOfScope: Awaited<ReturnType<typeof countingListener>>;
  beforeAll(async () => {
    requireBuild();
    const dir = tempDir('socdeck-scan-cli-');
    config = join(dir, 'scope.yaml');
    writeFileSync(config, 'demo:\n  enabled: false\nscan:\n  scope:\n    allow: [127.0.0.2/32]\n  bannerWaitMs: 500\n');
    inScope = await countingListener('127.0.0.2');
    outOfScope = await countingListener('127.0.0.3');
  });
  afterAll(() => {
    inScope.server.close();
    outOfScope.server.close();
  });

  it('allow 127.0.0.2/32, target 127.0.0.3: exit 1, the rule named, nothing sent', async () => {
    const r = await socdeck('scan', 'ports', '--target', '127.0.0.3', '--ports', String(outOfScope.port), '--config', config, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/target 127\.0\.0\.3 refused before any packet was sent: 127\.0\.0\.3 is not inside any scan\.scope\.allow entry \(127\.0\.0\.2\/32\) \[out_of_scope\]/);
    expect(outOfScope.connections()).toBe(0);
  });

  it('the same refusal in process: the guard throws before the scanner opens a socket', async () => {
    const cfg = loadScanConfig(config);
    await expect(localPortScan(cfg, '127.0.0.3', String(outOfScope.port))).rejects.toMatchObject({ code: 'out_of_scope', details: { rule: 'scan.scope.allow' } });
    await expect(localPortScan(cfg, '127.0.0.0/30', String(outOfScope.port))).rejects.toMatchObject({ code: 'out_of_scope' });
    expect(outOfScope.connections()).toBe(0);
  });

  it('scans an in-scope target and prints the JSON contract', async () => {
    const r = await socdeck('scan', 'ports', '--target', '127.0.0.2', '--ports', `1-3,${inScope.port}`, '--config', config, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { target: string; open: { port: number; service: string; banner: string }[]; durationMs: number };
    expect(out.target).toBe('127.0.0.2');
    expect(out.open).toEqual([{ port: inScope.port, service: 'ssh', product: 'OpenSSH', version: '9.2p1', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2' }]);
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
  });
});
