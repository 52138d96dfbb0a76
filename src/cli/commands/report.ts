import { copyFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { renderDemo } from '../../daemon/reports/demo/render-demo.js';
import { REPORT_FORMATS, REPORT_KIND_NAMES, REPORT_LANGS, type ReportEntry } from '../../shared/report.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

type Kind = (typeof REPORT_KIND_NAMES)[number];

interface BuildArgs extends GlobalArgs {
  kind: Kind;
  period?: string;
  id?: string;
  customer?: string;
  format: (typeof REPORT_FORMATS)[number];
  lang?: (typeof REPORT_LANGS)[number];
  out?: string;
}

function buildOptions<T>(y: import('yargs').Argv<T>) {
  return jsonOption(y)
    .option('period', { type: 'string', describe: 'Period: 2026-W47 (weekly), 2026-11 (monthly), 2026-Q4 (quarterly); default the last complete one' })
    .option('id', { type: 'string', describe: 'Item id for advisory, leak and incident reports' })
    .option('customer', { type: 'string', describe: 'Customer id (default "default")' })
    .option('format', { choices: REPORT_FORMATS, default: 'md' as const, describe: 'Markdown or self-contained HTML' })
    .option('lang', { choices: REPORT_LANGS, describe: 'Report language (default from config)' })
    .option('out', { type: 'string', describe: 'Also write the report to this file' });
}

async function build(argv: BuildArgs): Promise<void> {
  const res = await withClient(argv, (c) =>
    c.request('reports.build', {
      kind: argv.kind,
      format: argv.format,
      ...(argv.period ? { period: argv.period } : {}),
      ...(argv.id ? { id: argv.id } : {}),
      ...(argv.customer ? { customer: argv.customer } : {}),
      ...(argv.lang ? { lang: argv.lang } : {}),
    }),
  );
  if (argv.out) {
    const out = resolve(argv.out);
    // Large reports are not sent inline; the archive file is on this host.
    if (res.content !== undefined) writeFileSync(out, res.content);
    else copyFileSync(res.entry.path, out);
  }
  if (argv.json) return printJson(res.entry);
  if (argv.out) printText(`${resolve(argv.out)}\n(archived as ${res.entry.path})\n`);
  else printText(res.content ?? `report archived at ${res.entry.path} (too large to print)\n`);
}

const kindCommands = REPORT_KIND_NAMES.map(
  (kind): CommandModule<GlobalArgs, BuildArgs> => ({
    command: kind,
    describe: `Build the ${kind} report (archived in the data dir) and print it`,
    builder: (y) => buildOptions(y) as never,
    handler: (argv) => build({ ...argv, kind }),
  }),
);

const buildCommand: CommandModule<GlobalArgs, BuildArgs> = {
  command: 'build <kind>',
  describe: 'Same as `report <kind>`',
  builder: (y) => buildOptions(y.positional('kind', { choices: REPORT_KIND_NAMES, demandOption: true })) as never,
  handler: (argv) => build(argv),
};

interface ListArgs extends GlobalArgs {
  customer?: string;
  kind?: Kind;
  limit: number;
}

const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'List archived reports, newest first',
  builder: (y) => jsonOption(y).option('customer', { type: 'string' }).option('kind', { choices: REPORT_KIND_NAMES }).option('limit', { type: 'number', default: 50 }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) => c.request('reports.list', { limit: argv.limit, ...(argv.customer ? { customer: argv.customer } : {}), ...(argv.kind ? { kind: argv.kind } : {}) }));
    if (argv.json) return printJson(res);
    const line = (e: ReportEntry) => [e.createdAt.slice(0, 16), e.customer.padEnd(10), e.kind.padEnd(9), e.subject.padEnd(12), `${e.lang}.${e.format}`.padEnd(10), e.path].join(' ');
    printText(`${res.reports.map(line).join('\n')}${res.reports.length ? '\n' : ''}${res.reports.length} of ${res.total} reports\n`);
  },
};

interface DemoArgs extends GlobalArgs {
  out: string;
}

const demoCommand: CommandModule<GlobalArgs, DemoArgs> = {
  command: 'demo',
  describe: 'Render every report type, in zh-CN and en, Markdown and HTML, from the bundled demo data (no daemon needed)',
  builder: (y) => jsonOption(y).option('out', { type: 'string', demandOption: true, describe: 'Folder to write the reports to' }),
  handler: (argv) => {
    const files = renderDemo(resolve(argv.out), Date.now());
    if (argv.json) return printJson({ files });
    printText(`${files.join('\n')}\n${files.length} reports written\n`);
  },
};

export const reportCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'report <command>',
  describe: 'Deliverables: weekly, monthly, quarterly, advisory, leak and incident reports',
  builder: (y) => y.command([...kindCommands, buildCommand, listCommand, demoCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[]).demandCommand(1),
  handler: () => {},
};
