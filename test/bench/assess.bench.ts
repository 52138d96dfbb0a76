/**
 * Host assessment depth vs Lynis on the same host, in one run: Lynis (`lynis audit system
 * --quick`, Debian package) and socdeck's host baseline (the shipped collector script run locally,
 * then every host rule). Prints, for each category Lynis reported a warning or suggestion in
 * (test-id prefix: AUTH, SSH, KRNL, ...), whether one of our checks covers it (a rule's `lynis:`
 * ids); whether we raise every Lynis warning ourselves; checks evaluated; and both times.
 * Goals: >= 90 % of Lynis's reported categories covered, every warning raised.
 *
 * Run: npm run bench:assess  (as root for a complete baseline, like Lynis itself)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleFacts } from '../../src/daemon/assess/baseline/host-facts.js';
import { runAssessment } from '../../src/daemon/assess/engine.js';
import { collectLocalBundle } from '../../src/daemon/assess/host-collector.js';
import { findExecutable } from '../../src/daemon/scan/executable.js';
import { loadRulePacks } from '../../src/daemon/assess/rule-pack.js';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Lynis's own bookkeeping, not a host category. */
const META = new Set(['LYNIS']);

const lynis = findExecutable('lynis', ['/usr/sbin', '/usr/bin', '/usr/local/bin']);
if (!lynis) {
  process.stderr.write('lynis not found: apt-get install -y lynis\n');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'socdeck-bench-lynis-'));
try {
  const t0 = performance.now();
  await run(lynis, ['audit', 'system', '--quick', '--no-colors', '--report-file', join(dir, 'report.dat'), '--logfile', join(dir, 'lynis.log')], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 1_800_000,
  });
  const lynisMs = performance.now() - t0;
  const report = readFileSync(join(dir, 'report.dat'), 'utf8');
  const items = [...report.matchAll(/^(warning|suggestion)\[\]=([A-Z]+)-(\d{4}|[A-Z]+)\|/gm)]
    .map((m) => ({ kind: m[1]!, id: `${m[2]}-${m[3]}`, category: m[2]! }))
    .filter((i) => !META.has(i.category));
  const lynisTests = Number(/^lynis_tests_done=(\d+)/m.exec(report)?.[1] ?? 0);

  const t1 = performance.now();
  const bundle = await collectLocalBundle({ timeoutMs: 1_800_000 });
  const host = bundleFacts(bundle);
  const rules = loadRulePacks(join(ROOT, 'config', 'assessment')).filter((r) => r.section === 'host');
  const result = runAssessment(rules, host.facts, Date.now(), [], host.collected);
  const oursMs = performance.now() - t1;
  const checks = result.sections.find((s) => s.id === 'host')!.checks;
  const status = new Map(checks.map((c) => [c.id, c.status]));
  const tally = { fail: 0, pass: 0, not_collected: 0, not_applicable: 0 };
  for (const c of checks) tally[c.status]++;

  const covers = new Map<string, string[]>();
  for (const r of rules) for (const id of r.lynis ?? []) covers.set(id.split('-')[0]!, [...(covers.get(id.split('-')[0]!) ?? []), r.id]);
  const categories = [...new Set(items.map((i) => i.category))].sort();
  const covered = categories.filter((c) => covers.has(c));
  console.log('Lynis category  warnings suggestions  covered by');
  for (const c of categories) {
    const w = items.filter((i) => i.category === c && i.kind === 'warning').length;
    const s = items.filter((i) => i.category === c && i.kind === 'suggestion').length;
    console.log(`${c.padEnd(15)} ${String(w).padStart(8)} ${String(s).padStart(11)}  ${covers.has(c) ? [...new Set(covers.get(c))].slice(0, 6).join(', ') : 'NOT COVERED'}`);
  }
  const warnings = items.filter((i) => i.kind === 'warning');
  const raised = warnings.filter((w) => rules.some((r) => r.lynis?.includes(w.id) && status.get(r.id) === 'fail'));
  for (const w of warnings)
    console.log(
      `Lynis warning ${w.id}: ${
        raised.includes(w)
          ? `raised by ${rules
              .filter((r) => r.lynis?.includes(w.id) && status.get(r.id) === 'fail')
              .map((r) => r.id)
              .join(', ')}`
          : 'NOT RAISED'
      }`,
    );
  console.log(`categories covered: ${covered.length}/${categories.length} (${categories.length ? Math.round((covered.length / categories.length) * 100) : 100} %, goal >= 90 %)`);
  console.log(`Lynis warnings raised: ${raised.length}/${warnings.length} (goal: all)`);
  console.log(`Lynis: ${lynisTests} tests, ${warnings.length} warnings, ${items.length - warnings.length} suggestions in ${(lynisMs / 1000).toFixed(1)} s`);
  console.log(
    `socdeck: ${rules.length} host checks, ${tally.fail + tally.pass} evaluated (${tally.fail} fail, ${tally.pass} pass), ${tally.not_collected} not collected, ${tally.not_applicable} not applicable, in ${(oursMs / 1000).toFixed(1)} s`,
  );
  console.log(`assess: ${(oursMs / 1000).toFixed(1)} s vs lynis ${(lynisMs / 1000).toFixed(1)} s, ratio ${(oursMs / lynisMs).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
