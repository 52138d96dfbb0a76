import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { collectorScript } from '../../daemon/assess/baseline/collector-script.js';
import { SLOW_PROBES } from '../../daemon/assess/baseline/probes.js';
import { collectOverSsh, type SshHost } from '../../daemon/assess/baseline/ssh-collector.js';
import { runAssessment } from '../../daemon/assess/engine.js';
import type { FactSet } from '../../daemon/assess/fact.js';
import { collectLocalBundle } from '../../daemon/assess/host-collector.js';
import { addFactsText, addHostFacts, loadFactsDir } from '../../daemon/assess/load-facts.js';
import { loadRulePacks } from '../../daemon/assess/rule-pack.js';
import { cloudFactsDir } from '../../daemon/cloud/tencent/account-sync.js';
import { resolveDataDir } from '../../daemon/paths.js';
import { fromPackageRoot } from '../../daemon/reports/report-service.js';
import { SocdeckError } from '../../shared/errors.js';
import { addDomainExposure, type DomainArgs } from '../assess-domains.js';
import { jsonOption, printJson, printText, type GlobalArgs } from '../context.js';

interface RunArgs extends DomainArgs {
  facts?: string;
  rules: string;
  host: boolean;
  ssh?: string[];
  identity?: string;
  'known-hosts'?: string;
  parallel: number;
  quick: boolean;
}

/** `[user@]host[:port]` as typed on the command line. */
export function parseSshTarget(spec: string, identity?: string, knownHosts?: string): SshHost {
  const m = /^(?:([^@\s]+)@)?([^:@\s]+|\[[^\]]+\])(?::(\d+))?$/.exec(spec);
  if (!m) throw new SocdeckError('invalid_params', `--ssh ${spec}: expected [user@]host[:port]`);
  const host = m[2]!.replace(/^\[|\]$/g, '');
  return {
    name: host,
    host,
    ...(m[1] ? { user: m[1] } : {}),
    ...(m[3] ? { port: Number(m[3]) } : {}),
    ...(identity ? { identityFile: identity } : {}),
    ...(knownHosts ? { knownHostsFile: knownHosts } : {}),
  };
}

async function gatherFacts(argv: RunArgs): Promise<FactSet> {
  const set: FactSet = { facts: [], problems: [] };
  if (argv.facts) {
    const path = resolve(argv.facts);
    if (!existsSync(path)) throw new SocdeckError('not_found', `facts ${path} does not exist`);
    if (statSync(path).isDirectory()) Object.assign(set, loadFactsDir(path));
    else addFactsText(set, readFileSync(path, 'utf8'), argv.facts);
  }
  // The last sync of every cloud account kept in the data dir (socdeck cloud sync).
  const synced = cloudFactsDir(resolveDataDir(argv['data-dir']));
  if (existsSync(synced)) {
    const cloud = loadFactsDir(synced);
    set.facts.push(...cloud.facts);
    set.problems.push(...cloud.problems);
  }
  const skip = argv.quick ? SLOW_PROBES : [];
  if (argv.host) addHostFacts(set, await collectLocalBundle({ skip }));
  if (argv.ssh?.length) {
    const { bundles, failures } = await collectOverSsh(
      argv.ssh.map((s) => parseSshTarget(s, argv.identity, argv['known-hosts'])),
      argv.parallel,
      { skip },
    );
    bundles.forEach((b) => addHostFacts(set, b));
    set.problems.push(...failures.map((f) => ({ origin: `ssh:${f.host}`, message: f.message })));
  }
  await addDomainExposure(argv, set);
  return set;
}

const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run',
  describe: "Evaluate the assessment rule packs over collected facts (exports, collector bundles, the cloud accounts' last sync in the data dir, this host, hosts over SSH) — no daemon needed",
  builder: (y) =>
    jsonOption(y)
      .option('facts', { type: 'string', describe: 'A folder of exports, or one file: a cloud export, a socdeck facts file or a collector bundle (`socdeck assess collector`)' })
      .option('rules', { type: 'string', default: 'config/assessment', describe: 'Rule pack folder (relative to the package root)' })
      .option('host', { type: 'boolean', default: true, describe: "Also collect this host's baseline with the collector script; --no-host to skip" })
      .option('ssh', { type: 'string', array: true, describe: 'Collect [user@]host[:port] over the system ssh client (BatchMode, read-only probes)' })
      .option('identity', { type: 'string', describe: 'ssh identity file for --ssh' })
      .option('known-hosts', { type: 'string', describe: 'known_hosts file for --ssh (default: your own)' })
      .option('parallel', { type: 'number', default: 4, describe: 'Hosts collected at once over SSH' })
      .option('domain', {
        type: 'string',
        array: true,
        describe:
          "Assess these domains live instead of the configured assets' domains: DNS records, CT and common names, dangling CNAMEs, SPF/DMARC, wildcards, TLS, admin ports (in-scope addresses only)",
      })
      .option('customer', { type: 'string', describe: "Only this customer's asset domains (and the customer addresses found behind --domain are recorded for)" })
      .option('exposure', { type: 'boolean', default: true, describe: "Live domain exposure of the configured assets' domains; --no-exposure to skip" })
      .option('resolver', { type: 'string', describe: 'DNS resolver HOST:PORT (default: assess.dns.resolver, else the system resolver)' })
      .option('ct', { type: 'string', array: true, describe: 'DOMAIN=FILE: a crt.sh JSON export saved offline, for subdomains' })
      .option('quick', { type: 'boolean', default: false, describe: 'Skip the walk over the root file system (world-writable, SUID/SGID and unowned files read "not collected")' }),
  handler: async (argv) => {
    const rules = loadRulePacks(fromPackageRoot(argv.rules));
    const set = await gatherFacts(argv);
    const result = runAssessment(rules, set.facts, Date.now(), set.problems, set.collected);
    const findings = result.sections.flatMap((s) =>
      s.findings.map((f) => ({
        section: s.id,
        id: f.rule.id,
        severity: f.rule.severity,
        title: f.rule.title.en,
        evidence: f.evidence,
        moreEvidence: f.moreEvidence,
        remediation: f.rule.remediation.en,
      })),
    );
    const checks = result.sections.flatMap((s) => s.checks);
    const tally = { fail: 0, pass: 0, not_collected: 0, not_applicable: 0 };
    for (const c of checks) tally[c.status]++;
    if (argv.json) {
      return printJson({
        overall: result.overall,
        sections: result.sections.map((s) => ({ id: s.id, score: s.score, factsExamined: s.factsExamined, findings: s.findings.length })),
        checks: tally,
        checkResults: checks,
        findings,
        problems: result.problems,
        facts: result.factCount,
      });
    }
    const out = [
      `overall ${result.overall.value ?? '-'} (${result.overall.grade}), ${result.factCount} facts, ${rules.length} rules: ${tally.fail} fail, ${tally.pass} pass, ${tally.not_collected} not collected, ${tally.not_applicable} not applicable`,
      ...result.sections.map((s) => `  ${s.id.padEnd(15)} ${String(s.score.value ?? '-').padStart(3)} ${s.score.grade.padEnd(12)} ${s.findings.length} finding(s)`),
      ...findings.map((f) => `[${f.severity}] ${f.id} ${f.title}\n    ${f.evidence.slice(0, 5).join('\n    ')}`),
      ...result.problems.map((p) => `problem: ${p.origin}: ${p.message}`),
    ];
    printText(out.join('\n') + '\n');
  },
};

const collectorCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'collector',
  describe: 'Print the read-only POSIX shell collector script (sh collect.sh > host.txt; then assess run --facts host.txt)',
  handler: () => {
    process.stdout.write(collectorScript());
  },
};

export const assessCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'assess <command>',
  describe: 'Security assessment engine (rule packs in config/assessment)',
  builder: (y) => y.command(runCommand).command(collectorCommand).demandCommand(1),
  handler: () => {},
};
