import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli } from '../../support/child-daemon.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RULES = join(ROOT, 'config', 'sigma', 'rules');
const AUTH_LOG = join(ROOT, 'test', 'fixtures', 'sigma', 'auth.log');

describe('socdeck sigma (no daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-sigma-cli-'));
  beforeAll(() => requireBuild());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('test RULE LOGFILE prints the matching lines with their numbers', async () => {
    const r = await runCli(['sigma', 'test', join(RULES, 'linux', 'lnx_privileged_user_creation.yml'), AUTH_LOG]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, -1).map((l) => l.slice(AUTH_LOG.length + 1).split(':')[0])).toEqual(['25', '26', '27', '28']);
    expect(lines.at(-1)).toBe('4 of 29 lines match "Privileged User Has Been Created" (linux-auth)');
  });

  it('test --json --logsource gives the decoded fields of each match', async () => {
    const r = await runCli(['sigma', 'test', join(RULES, 'linux', 'lnx_privileged_user_creation.yml'), AUTH_LOG, '--logsource', 'linux-auth', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { matches: { line: number; fields: Record<string, unknown> }[]; lines: number };
    expect(out.lines).toBe(29);
    expect(out.matches[1]).toMatchObject({ line: 26, fields: { host: 'testserver', program: 'useradd', pid: '1337' } });
  });

  it('lint DIR passes the shipped rules and names file:line:col of each refusal, exit 1', async () => {
    expect((await runCli(['sigma', 'lint', RULES])).code).toBe(0);
    writeFileSync(join(dir, 'agg.yml'), 'title: brute force\nlogsource: {product: linux, service: sshd}\ndetection:\n  sel:\n    outcome: failure\n  condition: sel | count() by src_ip > 10\n');
    writeFileSync(join(dir, 'mod.yml'), 'title: t\nlogsource: {product: linux}\ndetection:\n  sel:\n    CommandLine|utf16le|base64: x\n  condition: sel\n');
    const r = await runCli(['sigma', 'lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('agg.yml:6:18: condition: aggregations');
    expect(r.stdout).toContain('mod.yml:5:5: unsupported modifier "utf16le"');
    expect(r.stdout).toContain('2 files, 0 rules ok, 2 errors');
  });
});
