import type { Argv, CommandModule } from 'yargs';
import { loadConfig } from '../../daemon/config.js';
import { MODULE_NAMES } from '../../daemon/module-names.js';
import { lintPlaybookDir } from '../../daemon/playbooks/lint-playbook-dir.js';
import { PlaybooksConfig, resolvePlaybookDir } from '../../daemon/playbooks/playbooks-config.js';
import { SocdeckError } from '../../shared/errors.js';
import { isIncidentType, playbookPath } from '../../shared/incident-taxonomy.js';
import { formatLintIssue } from '../../shared/playbook.js';
import { jsonOption, printJson, printText, type GlobalArgs } from '../context.js';

// These commands read the folder and git directly: they work with no daemon running, e.g. in CI.
interface DirArgs extends GlobalArgs {
  dir?: string;
}

function dirOption<T>(y: Argv<T>) {
  return y.option('dir', { type: 'string', describe: 'Playbook folder (default: playbooks.dir from the config)' });
}

function playbookDir(argv: DirArgs): string {
  if (argv.dir) return resolvePlaybookDir(argv.dir);
  const cfg = loadConfig(argv.config, MODULE_NAMES);
  return resolvePlaybookDir(PlaybooksConfig.parse(cfg.sections.playbooks ?? {}).dir);
}

/** simple-git and its dependencies load only for the commands that read history, not for `lint`. */
async function gitFor(argv: DirArgs) {
  const { PlaybookGit } = await import('../../daemon/playbooks/playbook-git.js');
  return new PlaybookGit(playbookDir(argv));
}

function fileOf(id: string): string {
  if (!isIncidentType(id)) throw new SocdeckError('not_found', `no playbook ${id}: playbook ids are the taxonomy subtypes (e.g. ransomware, ddos, credential-leak)`);
  return playbookPath(id);
}

const lintCommand: CommandModule<GlobalArgs, DirArgs> = {
  command: 'lint',
  describe: 'Check every playbook (front matter, phases, step ids, commands); issues name file:line',
  builder: (y) => dirOption(jsonOption(y)),
  handler: (argv) => {
    const dir = playbookDir(argv);
    const res = lintPlaybookDir(dir);
    if (argv.json) printJson({ dir, files: res.files.map((f) => ({ file: f.file, ok: f.issues.length === 0 })), issues: res.issues });
    else {
      for (const i of res.issues) printText(`${formatLintIssue(i)}\n`);
      printText(`${res.files.length} playbooks, ${res.issues.length} issue${res.issues.length === 1 ? '' : 's'} in ${dir}\n`);
    }
    if (res.issues.length > 0) throw new SocdeckError('invalid_params', `${res.issues.length} playbook issue${res.issues.length === 1 ? '' : 's'}`);
  },
};

interface LogArgs extends DirArgs {
  id: string;
  limit: number;
}

const logCommand: CommandModule<GlobalArgs, LogArgs> = {
  command: 'log <id>',
  describe: 'Git history of one playbook',
  builder: (y) => dirOption(jsonOption(y)).positional('id', { type: 'string', demandOption: true, describe: 'Playbook id (taxonomy subtype)' }).option('limit', { type: 'number', default: 20 }),
  handler: async (argv) => {
    const file = fileOf(argv.id);
    const commits = await (await gitFor(argv)).log(file, Math.max(1, Math.min(500, argv.limit)));
    if (argv.json) return printJson({ file, commits });
    for (const c of commits) printText(`${c.hash.slice(0, 12)}  ${c.date}  ${c.author}  ${c.message}\n`);
    if (commits.length === 0) printText(`${file} has no commits yet\n`);
  },
};

interface DiffArgs extends DirArgs {
  id: string;
  rev1: string;
  rev2: string;
}

const diffCommand: CommandModule<GlobalArgs, DiffArgs> = {
  command: 'diff <id> <rev1> [rev2]',
  describe: 'Diff one playbook between two git revisions (rev2 defaults to HEAD)',
  builder: (y) =>
    dirOption(jsonOption(y))
      .positional('id', { type: 'string', demandOption: true })
      .positional('rev1', { type: 'string', demandOption: true })
      .positional('rev2', { type: 'string', default: 'HEAD' }),
  handler: async (argv) => {
    const file = fileOf(argv.id);
    const git = await gitFor(argv);
    const [from, to] = [await git.resolve(argv.rev1), await git.resolve(argv.rev2)];
    const diff = await git.diff(file, from, to);
    if (argv.json) return printJson({ file, from, to, diff });
    printText(diff === '' ? `${file}: no changes between ${from.slice(0, 12)} and ${to.slice(0, 12)}\n` : diff);
  },
};

export const playbooksCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'playbooks <command>',
  describe: 'Incident-response playbooks: lint, git log, diff (no daemon needed)',
  builder: (y) => y.command(lintCommand).command(logCommand).command(diffCommand).demandCommand(1),
  handler: () => {},
};
