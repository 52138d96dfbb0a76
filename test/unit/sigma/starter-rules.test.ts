import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/daemon/config.js';
import { lintSigmaDir } from '../../../src/daemon/sigma/lint-sigma-dir.js';
import { loadLogMappings } from '../../../src/daemon/sigma/log-mapping.js';
import { runRulesOnText } from '../../../src/daemon/sigma/run-rules.js';
import { SigmaDetector } from '../../../src/daemon/sigma/sigma-detector.js';

// The shipped SigmaHQ rules against public log samples (test/fixtures/sigma/README.md).
const rules = lintSigmaDir(join(PACKAGE_ROOT, 'config/sigma/rules'));
const mappings = loadLogMappings();
const fixture = (name: string): string => readFileSync(join(PACKAGE_ROOT, 'test/fixtures/sigma', name), 'utf8');

function run(mapping: string, file: string) {
  const res = runRulesOnText(new SigmaDetector(mappings.get(mapping)!, rules.rules), fixture(file));
  return { ...res, byLine: Object.fromEntries(res.hits.map((h) => [h.line, h.rules.map((r) => r.title).sort()])) };
}

describe('shipped Sigma rules on public log samples', () => {
  it('every shipped rule compiles, each keeps its id and author', () => {
    expect(rules.errors).toEqual([]);
    expect(rules.rules.length).toBeGreaterThanOrEqual(20);
    for (const f of rules.files) expect(readFileSync(join(PACKAGE_ROOT, 'config/sigma/rules', f), 'utf8')).toMatch(/^id: [0-9a-f-]{36}$[\s\S]*^author: /m);
  });

  it('auth.log: privileged useradd lines match, sshd noise and an ordinary useradd do not', () => {
    const r = run('linux-auth', 'auth.log');
    expect(r.undecodable).toEqual([]);
    const title = 'Privileged User Has Been Created';
    expect(r.byLine).toEqual({ 25: [title], 26: [title], 27: [title], 28: [title] });
    expect(r.lines).toBe(29);
  });

  it('access.log: the JNDIExploit request matches; obfuscated log4shell, traversal probes and everyday requests match no shipped rule', () => {
    const r = run('web-access', 'access.log');
    expect(r.undecodable).toEqual([]);
    expect(r.byLine).toEqual({ 1: ['JNDIExploit Pattern'] });
    expect(r.lines).toBe(17);
  });

  it("audit.log: every record decodes (EXECVE arguments included); su --help is no shipped rule's command", () => {
    const d = new SigmaDetector(mappings.get('linux-auditd')!, rules.rules);
    const lines = fixture('audit.log').trim().split('\n');
    const execve = d.decode(lines[7]!);
    expect('event' in execve && execve.event.fields).toMatchObject({ type: 'EXECVE', a0: '/usr/bin/su', a1: '--help' });
    const r = run('linux-auditd', 'audit.log');
    expect(r.undecodable).toEqual([]);
    expect(r.hits).toEqual([]);
  });
});
