/**
 * Correlation throughput: 50k new alert rows (BENCH_ALERTS to change) (Wazuh 4.x records over 2,000 hosts of 20
 * customers, 1-3 ATT&CK techniques each, a tenth of hosts running a brute force -> persistence ->
 * beacon chain) through the engine with 20 rules: the 6 shipped ones plus 14 variants over
 * other entities, windows and steps. Baseline in the same run: the ingest-only work for the same
 * records (JSON.parse + product parser + ATT&CK placement), one thread. Goal: >= 50,000 alerts/s.
 * Run: node --import tsx test/bench/correlate.bench.ts   (npm run bench:correlate)
 */
import { attackEnricherFor, AttackConfig } from '../../src/daemon/sources/attack/attack-config.js';
import { newAlert } from '../../src/daemon/sources/alert-intake.js';
import { compileRule, CorrelationRule, loadRulesFile } from '../../src/daemon/correlation/correlation-rules.js';
import { CorrelationEngine } from '../../src/daemon/correlation/engine.js';
import { DEFAULT_PARSERS } from '../../src/daemon/sources/parsers/registry.js';
import type { Alert } from '../../src/shared/alert.js';

const N = Number(process.env.BENCH_ALERTS ?? 50_000);
const T0 = Date.parse('2026-03-02T00:00:00Z');
const TECHNIQUES = [
  ['T1110.001', 'Credential Access'],
  ['T1053.003', 'Persistence'],
  ['T1071', 'Command and Control'],
  ['T1190', 'Initial Access'],
  ['T1059.004', 'Execution'],
  ['T1595', 'Reconnaissance'],
  ['T1078', 'Defense Evasion'],
] as const;

let seed = 42;
const rnd = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;

const lines: string[] = [];
for (let i = 0; i < N; i++) {
  const host = Math.floor(rnd() * 2000);
  const chain = host % 10 === 0;
  const picks = chain ? [TECHNIQUES[i % 3]!] : Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => TECHNIQUES[Math.floor(rnd() * TECHNIQUES.length)]!);
  lines.push(
    JSON.stringify({
      timestamp: new Date(T0 + i * 400).toISOString(),
      rule: { level: 8, description: `rule ${i % 500}`, id: String(100000 + (i % 500)), mitre: { id: picks.map((p) => p[0]), tactic: picks.map((p) => p[1]) }, groups: ['bench'] },
      agent: { id: String(host), name: `host-${host}` },
      data: { srcip: `198.51.${Math.floor(rnd() * 4)}.${Math.floor(rnd() * 250)}`, srcuser: `u${host % 50}` },
      customer: `c${host % 20}`,
    }),
  );
}

const { enrich } = attackEnricherFor(AttackConfig.parse({}));
function ingestOnly(): Alert[] {
  const out: Alert[] = [];
  for (let i = 0; i < lines.length; i++) {
    const parsed = DEFAULT_PARSERS.parse(JSON.parse(lines[i]!));
    if (parsed.kind !== 'alert') throw new Error('bench record rejected');
    const a = newAlert(parsed.fields, { id: `a${i}`, fingerprint: 'f', source: 'bench', raw: '' });
    a.customer = `c${i % 20}`;
    enrich(a, parsed.fields);
    out.push(a);
  }
  return out;
}

const shipped = loadRulesFile('config/correlation/rules.yaml');
const variants: CorrelationRule[] = [];
const entities = ['host', 'srcIp', 'user'] as const;
for (let i = 0; variants.length < 20 - shipped.length; i++) {
  const by = entities[i % 3]!;
  variants.push(
    i % 2 === 0
      ? CorrelationRule.parse({
          id: `v-seq-${i}`,
          title: `variant ${i}`,
          kind: 'sequence',
          by,
          window: `${1 + (i % 6)}h`,
          steps: ['tactic:initial-access | tactic:credential-access', 'tactic:execution | tactic:persistence', 'tactic:command-and-control'],
        })
      : CorrelationRule.parse({
          id: `v-dis-${i}`,
          title: `variant ${i}`,
          kind: 'distinct',
          by,
          distinct: i % 4 === 1 ? 'tactic' : 'technique',
          threshold: 3 + (i % 3),
          window: `${2 + (i % 12)}h`,
          match: 'sev>=low',
        }),
  );
}
const rules = [...shipped, ...variants].map(compileRule);

function correlate(alerts: Alert[]): number {
  let n = 0;
  const engine = new CorrelationEngine(rules, [], () => `C${++n}`);
  // Bus batches as intake makes them.
  for (let i = 0; i < alerts.length; i += 5000) engine.process(alerts.slice(i, i + 5000));
  return n;
}

const rounds: { ingest: number; corr: number; cases: number }[] = [];
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const alerts = ingestOnly();
  const ingestS = (performance.now() - t) / 1000;
  t = performance.now();
  const cases = correlate(alerts);
  const corrS = (performance.now() - t) / 1000;
  rounds.push({ ingest: N / ingestS, corr: N / corrS, cases });
}
rounds.sort((a, b) => a.corr / a.ingest - b.corr / b.ingest);
const mid = rounds[1]!;
process.stdout.write(`rules: ${rules.length}, alerts: ${N}, cases formed: ${mid.cases}\n`);
process.stdout.write(`ingest-only: ${Math.round(mid.ingest)} alerts/s\n`);
process.stdout.write(`correlate: ${Math.round(mid.corr)} alerts/s, ${(mid.corr / mid.ingest).toFixed(2)}x ingest-only\n`);
