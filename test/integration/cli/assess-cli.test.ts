import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli } from '../../support/child-daemon.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BUNDLE = join(ROOT, 'test', 'fixtures', 'assess', 'bundles', 'web-01.txt');

describe('socdeck assess (no daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-assess-cli-'));
  beforeAll(() => requireBuild());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('collector prints a POSIX sh script that sh accepts', async () => {
    const r = await runCli(['assess', 'collector']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('#!/bin/sh\n')).toBe(true);
    expect(spawnSync('sh', ['-n'], { input: r.stdout }).status).toBe(0);
  });

  it('run --facts BUNDLE evaluates every rule and reports pass / fail / not collected / not applicable', async () => {
    const r = await runCli(['assess', 'run', '--no-host', '--facts', BUNDLE, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      checks: { fail: number; pass: number; not_collected: number; not_applicable: number };
      checkResults: { id: string; status: string }[];
      findings: { id: string; evidence: string[] }[];
    };
    expect(out.checkResults.find((c) => c.id === 'AUTH-001')!.status).toBe('fail');
    expect(out.checkResults.find((c) => c.id === 'SSH-004')!.status).toBe('pass');
    expect(out.checkResults.find((c) => c.id === 'SSH-011')!.status).toBe('not_collected');
    expect(out.findings.find((f) => f.id === 'AUTH-001')!.evidence).toEqual(['web-01: bob has an empty password (web-01:/etc/passwd:6)']);
    expect(out.checks.fail + out.checks.pass + out.checks.not_collected + out.checks.not_applicable).toBe(out.checkResults.length);
  });

  it('names the file and line of a broken bundle and exits non-zero', async () => {
    const bad = join(dir, 'cut.txt');
    writeFileSync(bad, '@@socdeck-bundle 1\n@@host h\n@@probe passwd\nroot:x:0:0::/root:/bin/sh\n');
    const r = await runCli(['assess', 'run', '--no-host', '--facts', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('probe "passwd" has no end marker');
  });
});
