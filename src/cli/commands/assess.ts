import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { runAssessment } from '../../daemon/assess/engine.js';
import { collectHostFacts } from '../../daemon/assess/host-collector.js';
import { loadFactsDir } from '../../daemon/assess/load-facts.js';
import { loadRulePacks } from '../../daemon/assess/rule-pack.js';
import { fromPackageRoot } from '../../daemon/reports/report-service.js';
import { SocdeckError } from '../../shared/errors.js';
import { jsonOption, printJson, printText, type GlobalArgs } from '../context.js';

interface RunArgs extends GlobalArgs {
  facts?: string;
  rules: string;
  host: boolean;
}

const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run',
  describe: 'Evaluate the assessment rule packs over collected facts (exports in --facts, plus this host) — no daemon needed',
  builder: (y) =>
    jsonOption(y)
      .option('facts', { type: 'string', describe: 'Folder of exports: cloud security groups, IAM credential report, RDS, socdeck facts files' })
      .option('rules', { type: 'string', default: 'config/assessment', describe: 'Rule pack folder (relative to the package root)' })
      .option('host', { type: 'boolean', default: true, describe: 'Also collect this host\'s baseline (sshd, accounts, password policy, permissions, kernel); --no-host to skip' }),
  handler: (argv) => {
    const rules = loadRulePacks(fromPackageRoot(argv.rules));
    const set = argv.facts ? loadFactsDirChecked(resolve(argv.facts)) : { facts: [], problems: [] };
    const facts = [...set.facts, ...(argv.host ? collectHostFacts({ root: '/' }) : [])];
    const result = runAssessment(rules, facts, Date.now(), set.problems);
    const findings = result.sections.flatMap((s) => s.findings.map((f) => ({ section: s.id, id: f.rule.id, severity: f.rule.severity, title: f.rule.title.en, evidence: f.evidence, moreEvidence: f.moreEvidence, remediation: f.rule.remediation.en })));
    if (argv.json) {
      return printJson({ overall: result.overall, sections: result.sections.map((s) => ({ id: s.id, score: s.score, factsExamined: s.factsExamined, findings: s.findings.length })), findings, problems: result.problems, facts: result.factCount });
    }
    const out = [
      `overall ${result.overall.value ?? '-'} (${result.overall.grade}), ${result.factCount} facts, ${rules.length} rules`,
      ...result.sections.map((s) => `  ${s.id.padEnd(15)} ${String(s.score.value ?? '-').padStart(3)} ${s.score.grade.padEnd(12)} ${s.findings.length} finding(s)`),
      ...findings.map((f) => `[${f.severity}] ${f.id} ${f.title}\n    ${f.evidence.slice(0, 5).join('\n    ')}`),
      ...result.problems.map((p) => `problem: ${p.origin}: ${p.message}`),
    ];
    printText(out.join('\n') + '\n');
  },
};

function loadFactsDirChecked(dir: string) {
  if (!existsSync(dir)) throw new SocdeckError('not_found', `facts folder ${dir} does not exist`);
  return loadFactsDir(dir);
}

export const assessCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'assess <command>',
  describe: 'Security assessment engine (rule packs in config/assessment)',
  builder: (y) => y.command(runCommand).demandCommand(1),
  handler: () => {},
};
