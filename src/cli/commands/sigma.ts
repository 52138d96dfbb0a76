import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { compileRule } from '../../daemon/sigma/compile-rule.js';
import { lintSigmaDir } from '../../daemon/sigma/lint-sigma-dir.js';
import { loadLogMappings, mappingFor } from '../../daemon/sigma/log-mapping.js';
import { runRulesOnText } from '../../daemon/sigma/run-rules.js';
import { SigmaDetector } from '../../daemon/sigma/sigma-detector.js';
import { formatLintError } from '../../daemon/sigma/sigma-types.js';
import { SocdeckError } from '../../shared/errors.js';
import { jsonOption, printJson, printText, type GlobalArgs } from '../context.js';

// Files only: no daemon, so analysts develop rules offline and CI lints the rules folder.

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SocdeckError('not_found', `cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

interface TestArgs extends GlobalArgs {
  rule: string;
  logfile: string;
  logsource?: string;
}

const testCommand: CommandModule<GlobalArgs, TestArgs> = {
  command: 'test <rule> <logfile>',
  describe: 'Run one Sigma rule over a raw log file; prints the matching lines with their numbers',
  builder: (y) =>
    jsonOption(y)
      .positional('rule', { type: 'string', demandOption: true })
      .positional('logfile', { type: 'string', demandOption: true })
      .option('logsource', { type: 'string', describe: "Log-source mapping (linux-auth, linux-auditd, web-access, windows-winlogbeat, windows-nxlog); default: the one serving the rule's logsource" }),
  handler: (argv) => {
    const compiled = compileRule(argv.rule, readText(argv.rule, 'rule'));
    if (!compiled.ok) throw new SocdeckError('invalid_params', compiled.errors.map(formatLintError).join('\n'));
    const rule = compiled.rule;
    const mappings = loadLogMappings();
    const mapping = argv.logsource ? mappings.get(argv.logsource) : mappingFor(mappings, rule.logsource);
    if (!mapping)
      throw new SocdeckError(
        'invalid_params',
        argv.logsource
          ? `no log-source mapping "${argv.logsource}" (known: ${[...mappings.keys()].join(', ')})`
          : `no log-source mapping serves logsource ${JSON.stringify(rule.logsource)}: name one with --logsource`,
      );
    // A named mapping applies the rule whatever logsource it declares: that is what testing it against a file means.
    const detector = new SigmaDetector(argv.logsource ? { ...mapping, logsources: [rule.logsource] } : mapping, [rule]);
    const res = runRulesOnText(detector, readText(argv.logfile, 'log file'));
    const matches = res.hits.map((h) => ({ line: h.line, raw: h.event.raw, fields: h.event.fields }));
    if (argv.json) return printJson({ rule: { id: rule.id, title: rule.title, level: rule.level }, logsource: mapping.name, lines: res.lines, matches, undecodable: res.undecodable });
    for (const m of matches) printText(`${argv.logfile}:${m.line}: ${m.raw}\n`);
    for (const u of res.undecodable) printText(`${argv.logfile}:${u.line}: undecodable: ${u.reason}\n`);
    printText(`${matches.length} of ${res.lines} lines match "${rule.title}" (${mapping.name})${res.undecodable.length ? `, ${res.undecodable.length} undecodable` : ''}\n`);
  },
};

interface LintArgs extends GlobalArgs {
  dir: string;
}

const lintCommand: CommandModule<GlobalArgs, LintArgs> = {
  command: 'lint <dir>',
  describe: 'Check every rule in a folder; prints file:line:col for each error and exits 1 on any',
  builder: (y) => jsonOption(y).positional('dir', { type: 'string', demandOption: true }),
  handler: (argv) => {
    let res: ReturnType<typeof lintSigmaDir>;
    try {
      res = lintSigmaDir(argv.dir);
    } catch (err) {
      throw new SocdeckError('not_found', `cannot read ${argv.dir}: ${(err as Error).message}`);
    }
    if (argv.json) printJson({ dir: argv.dir, files: res.files.length, rules: res.rules.length, errors: res.errors });
    else {
      for (const e of res.errors) printText(`${formatLintError(e)}\n`);
      printText(`${res.files.length} files, ${res.rules.length} rules ok, ${res.errors.length} error${res.errors.length === 1 ? '' : 's'}\n`);
    }
    if (res.errors.length > 0) throw new SocdeckError('invalid_params', `${res.errors.length} Sigma rule error${res.errors.length === 1 ? '' : 's'}`);
  },
};

export const sigmaCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'sigma <command>',
  describe: 'Sigma rules over raw logs: test a rule on a file, lint a rules folder (no daemon needed)',
  builder: (y) => y.command(testCommand).command(lintCommand).demandCommand(1),
  handler: () => {},
};
