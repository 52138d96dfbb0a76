import { writeFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { SocdeckClient } from '../../client/ws-client.js';
import { SocdeckError } from '../../shared/errors.js';
import { INCIDENT_STATUSES, LINK_KINDS, OBSERVABLE_KINDS, type Incident, type IncidentLink, type IncidentStatus, type ObservableKind } from '../../shared/incident.js';
import { GRADE_CRITERION_IDS, INCIDENT_GRADES, mustReport, type GradeCriterionId, type IncidentGrade } from '../../shared/incident-grade.js';
import { INCIDENT_TYPE_IDS, type IncidentType } from '../../shared/incident-taxonomy.js';
import { REPORT_FORMATS } from '../../shared/report.js';
import { SEVERITIES, type Severity } from '../../shared/severity.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

type ReportFormat = (typeof REPORT_FORMATS)[number];

interface IdArgs extends GlobalArgs {
  id: string;
}

const withId = <T>(y: Argv<T>) => jsonOption(y).positional('id', { type: 'string', demandOption: true, describe: 'Incident id' });

/** `kind:id` from the command line, e.g. `advisory:CVE-2024-3094` or `leak:LK-12`. */
function parseLink(s: string): IncidentLink {
  const at = s.indexOf(':');
  const kind = s.slice(0, at) as IncidentLink['kind'];
  if (at < 1 || !LINK_KINDS.includes(kind)) throw new SocdeckError('invalid_params', `--link ${s}: write kind:id with kind one of ${LINK_KINDS.join(', ')}`);
  return { kind, id: s.slice(at + 1) };
}

function parseObservable(s: string): { kind: ObservableKind; value: string } {
  const at = s.indexOf(':');
  const kind = s.slice(0, at) as ObservableKind;
  if (at < 1 || !OBSERVABLE_KINDS.includes(kind)) throw new SocdeckError('invalid_params', `--observable ${s}: write kind:value with kind one of ${OBSERVABLE_KINDS.join(', ')}`);
  return { kind, value: s.slice(at + 1) };
}

function printIncident(i: Incident): void {
  const done = new Set(i.checklist.filter((c) => c.done).map((c) => c.step));
  const lines = [
    `${i.id}  [${i.severity}] ${i.status}  ${i.title}`,
    `type      ${i.type}   owner ${i.owner ?? '-'}   customer ${i.customer}   opened ${i.openedAt}`,
    `playbook  ${i.playbook ? `${i.playbook.id} @ ${i.playbook.commit?.slice(0, 12) ?? 'uncommitted'} (pinned by ${i.playbook.pinnedBy})` : '-'}`,
    ...(i.impact ? [`impact    ${i.impact}`] : []),
    ...(i.loss ? [`loss      ${i.loss}`] : []),
    ...(i.rootCause ? [`cause     ${i.rootCause}`] : []),
    ...(i.grading
      ? [
          `grade     ${i.grading.grade} (${i.grading.operatorClass}, by ${i.grading.by})  ${i.grading.reportPolicy && mustReport(i.grading.grade) ? `report clock ${i.grading.reportPolicy}` : 'no report due'}`,
        ]
      : []),
    `alerts    ${i.linkedAlerts.join(' ') || '-'}`,
    ...i.links.map((l) => `link      ${l.kind} ${l.id}`),
    '',
    'checklist',
    ...(i.playbook?.steps ?? []).map((s) => `  [${done.has(s.id) ? 'x' : ' '}] ${fit(s.phase, 9)} ${fit(s.id, 20)} ${s.en}`),
    '',
    'observables',
    ...i.observables.map((o) => `  ${fit(o.kind, 8)} ${o.value}  (${o.source})`),
    '',
    'timeline',
    ...i.timeline.map((e) => `  ${e.at}  ${fit(e.actor, 12)} ${e.kind === 'note' ? 'note: ' : ''}${e.text}`),
  ];
  printText(lines.join('\n') + '\n');
}

/** Runs one incident mutation and prints the result. */
function mutation<A extends IdArgs>(
  command: string,
  describe: string,
  builder: (y: Argv<IdArgs>) => Argv<A>,
  call: (c: SocdeckClient, a: ArgumentsCamelCase<A>) => Promise<{ incident: Incident }>,
): CommandModule<GlobalArgs, A> {
  return {
    command,
    describe,
    builder: (y) => builder(withId(y)),
    handler: async (argv) => {
      const { incident } = await withClient(argv, (c) => call(c, argv));
      if (argv.json) return printJson(incident);
      printIncident(incident);
    },
  };
}

interface NewArgs extends GlobalArgs {
  type?: IncidentType;
  title?: string;
  severity?: Severity;
  owner?: string;
  customer?: string;
  summary?: string;
  alert?: string[];
  link?: string[];
  observable?: string[];
}

const newCommand: CommandModule<GlobalArgs, NewArgs> = {
  command: 'new',
  describe: 'Open an incident by hand or from alerts/advisories/leaks/findings; pins the playbook of its type',
  builder: (y) =>
    jsonOption(y)
      .option('type', { choices: INCIDENT_TYPE_IDS, describe: 'Taxonomy subtype (guessed from --alert when omitted)' })
      .option('title', { type: 'string' })
      .option('severity', { choices: SEVERITIES, describe: 'Default: the worst linked alert, else the playbook default' })
      .option('owner', { type: 'string', describe: 'Default: you' })
      .option('customer', { type: 'string' })
      .option('summary', { type: 'string' })
      .option('alert', { type: 'string', array: true, describe: 'Alert id to link (repeatable); its observables are linked too' })
      .option('link', { type: 'string', array: true, describe: `kind:id to link, kind one of ${LINK_KINDS.join(', ')}` })
      .option('observable', { type: 'string', array: true, describe: `kind:value, kind one of ${OBSERVABLE_KINDS.join(', ')}` }),
  handler: async (argv) => {
    const params = {
      ...(argv.type ? { type: argv.type } : {}),
      ...(argv.title ? { title: argv.title } : {}),
      ...(argv.severity ? { severity: argv.severity } : {}),
      ...(argv.owner ? { owner: argv.owner } : {}),
      ...(argv.customer ? { customer: argv.customer } : {}),
      ...(argv.summary ? { summary: argv.summary } : {}),
      ...(argv.alert ? { fromAlerts: argv.alert } : {}),
      ...(argv.link ? { links: argv.link.map(parseLink) } : {}),
      ...(argv.observable ? { observables: argv.observable.map(parseObservable) } : {}),
    };
    const { incident } = await withClient(argv, (c) => c.request('incidents.create', params));
    if (argv.json) return printJson(incident);
    printText(`${incident.id}\n`);
  },
};

interface ListArgs extends GlobalArgs {
  status?: IncidentStatus[];
  customer?: string;
  limit: number;
}

const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'List incidents: open ones first, most severe first',
  builder: (y) => jsonOption(y).option('status', { choices: INCIDENT_STATUSES, array: true }).option('customer', { type: 'string' }).option('limit', { type: 'number', default: 100 }),
  handler: async (argv) => {
    const res = await withClient(argv, (c) =>
      c.request('incidents.list', { limit: Math.max(1, Math.min(5000, argv.limit)), ...(argv.status ? { status: argv.status } : {}), ...(argv.customer ? { customer: argv.customer } : {}) }),
    );
    if (argv.json) return printJson(res);
    for (const i of res.incidents) {
      const pb = `${i.stepsDone}/${i.stepsTotal}${i.playbookUpdated ? ' ⟳' : ''}`;
      printText(`${fit(i.id, 18)} ${fit(i.severity, 8)} ${fit(i.status, 10)} ${fit(i.type, 20)} ${fit(pb, 8)} ${fit(i.owner ?? '-', 10)} ${i.title}\n`);
    }
    printText(`${res.incidents.length} of ${res.total} incidents\n`);
  },
};

const showCommand: CommandModule<GlobalArgs, IdArgs> = {
  command: 'show <id>',
  describe: 'One incident: checklist, observables, timeline; the playbook diff when it changed since pinned',
  builder: withId,
  handler: async (argv) => {
    const res = await withClient(argv, async (c) => {
      const view = await c.request('incidents.get', { id: argv.id });
      const pinned = view.playbook.pinnedCommit;
      const diff = view.playbook.updated && pinned ? await c.request('playbooks.diff', { id: view.incident.type, from: pinned }) : undefined;
      return { ...view, ...(diff ? { playbookDiff: diff.diff } : {}) };
    });
    if (argv.json) return printJson(res);
    printIncident(res.incident);
    if (res.playbook.updated) {
      printText(
        `\nplaybook updated since pinned (${res.playbook.pinnedCommit?.slice(0, 12) ?? 'uncommitted'} → ${res.playbook.latestCommit?.slice(0, 12) ?? 'uncommitted'}); re-pin with: socdeck incident repin ${res.incident.id}\n`,
      );
      if (res.playbookDiff) printText(res.playbookDiff);
    }
  },
};

interface UpdateArgs extends IdArgs {
  title?: string;
  severity?: Severity;
  owner?: string;
  summary?: string;
  impact?: string;
  loss?: string;
  'root-cause'?: string;
  lessons?: string;
  hardening?: string[];
}

const updateCommand = mutation<UpdateArgs>(
  'update <id>',
  'Set fields: impact, loss assessment, root cause, lessons, hardening items, owner, severity',
  (y) =>
    y
      .option('title', { type: 'string' })
      .option('severity', { choices: SEVERITIES })
      .option('owner', { type: 'string' })
      .option('summary', { type: 'string' })
      .option('impact', { type: 'string', describe: 'Customer impact' })
      .option('loss', { type: 'string', describe: 'Loss assessment (needed to close)' })
      .option('root-cause', { type: 'string', describe: 'Root cause (needed to close)' })
      .option('lessons', { type: 'string' })
      .option('hardening', { type: 'string', array: true, describe: 'Hardening items (replaces the list)' }),
  (c, a) =>
    c.request('incidents.update', {
      id: a.id,
      ...Object.fromEntries(
        (
          [
            ['title', a.title],
            ['severity', a.severity],
            ['owner', a.owner],
            ['summary', a.summary],
            ['impact', a.impact],
            ['loss', a.loss],
            ['rootCause', a['root-cause']],
            ['lessons', a.lessons],
            ['hardening', a.hardening],
          ] as const
        ).filter(([, v]) => v !== undefined),
      ),
    }),
);

interface StatusArgs extends IdArgs {
  status: IncidentStatus;
  reason?: string;
}

const statusCommand = mutation<StatusArgs>(
  'status <id> <status>',
  `Move the incident forward (${INCIDENT_STATUSES.join(' → ')}); closing needs root cause and loss`,
  (y) => y.positional('status', { choices: INCIDENT_STATUSES, demandOption: true }).option('reason', { type: 'string' }),
  (c, a) => c.request('incidents.transition', { id: a.id, status: a.status, ...(a.reason ? { reason: a.reason } : {}) }),
);

const noteCommand = mutation<IdArgs & { text: string }>(
  'note <id> <text>',
  'Add an attributed note to the timeline',
  (y) => y.positional('text', { type: 'string', demandOption: true }),
  (c, a) => c.request('incidents.note', { id: a.id, text: a.text }),
);

const gradeCommand = mutation<IdArgs & { grade: IncidentGrade; criteria?: string[] }>(
  'grade <id> <grade>',
  `Grade under the reporting 办法 (${INCIDENT_GRADES.join('|')}); 较大 or above starts the reporting clock`,
  (y) =>
    y
      .positional('grade', { choices: INCIDENT_GRADES, demandOption: true })
      .option('criteria', { type: 'string', array: true, choices: GRADE_CRITERION_IDS, describe: 'Grading-guide criteria met (the checklist; see README)' }),
  (c, a) => c.request('incidents.grade', { id: a.id, grade: a.grade, criteria: (a.criteria ?? []) as GradeCriterionId[] }),
);

const reportedCommand = mutation<IdArgs>(
  'reported <id>',
  'Record that the report was filed with the regulator (stops the reporting clock)',
  (y) => y,
  (c, a) => c.request('incidents.reported', { id: a.id }),
);

const checkCommand = mutation<IdArgs & { step: string; undo: boolean }>(
  'check <id> <step>',
  'Tick a checklist step (by step id) of the pinned playbook; --undo unticks it',
  (y) => y.positional('step', { type: 'string', demandOption: true }).option('undo', { type: 'boolean', default: false }),
  (c, a) => c.request('incidents.check', { id: a.id, step: a.step, done: !a.undo }),
);

const repinCommand = mutation<IdArgs>(
  'repin <id>',
  'Follow the latest version of the playbook from now on',
  (y) => y,
  (c, a) => c.request('incidents.repin', { id: a.id }),
);

const linkCommand = mutation<IdArgs & { alert?: string[]; item?: string[] }>(
  'link <id>',
  'Link more alerts (and their observables) or advisories/leaks/findings',
  (y) => y.option('alert', { type: 'string', array: true }).option('item', { type: 'string', array: true, describe: 'kind:id' }),
  (c, a) => c.request('incidents.link', { id: a.id, ...(a.alert ? { alerts: a.alert } : {}), ...(a.item ? { items: a.item.map(parseLink) } : {}) }),
);

const observeCommand = mutation<IdArgs & { observable: string }>(
  'observe <id> <observable>',
  `Add an observable as kind:value (${OBSERVABLE_KINDS.join(', ')})`,
  (y) => y.positional('observable', { type: 'string', demandOption: true }),
  (c, a) => c.request('incidents.observe', { id: a.id, ...parseObservable(a.observable) }),
);

const reportCommand: CommandModule<GlobalArgs, IdArgs & { out?: string; publish?: ReportFormat }> = {
  command: 'report <id>',
  describe: 'The Incident Response Report (应急响应报告) as Markdown; --json for the report data; --publish archives it through the reports module',
  builder: (y) =>
    withId(y)
      .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
      .option('publish', { choices: REPORT_FORMATS, describe: 'Have the reports module render and archive it (html or md); prints the archived path' }),
  handler: async (argv) => {
    if (argv.publish) {
      const format = argv.publish;
      const built = await withClient(argv, (c) => c.request('reports.build', { kind: 'incident', id: argv.id, format }));
      if (argv.json) return printJson(built.entry);
      printText(`${built.entry.path}\n`);
      return;
    }
    const res = await withClient(argv, (c) => c.request('incidents.report', { id: argv.id }));
    const text = argv.json ? JSON.stringify(res.report, null, 2) + '\n' : res.markdown;
    if (argv.out) writeFileSync(argv.out, text);
    else if (argv.json) process.stdout.write(text);
    else printText(text);
  },
};

export const incidentCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'incident <command>',
  aliases: ['incidents'],
  describe: 'Incident response cases',
  builder: (y) =>
    y
      .command(newCommand)
      .command(listCommand)
      .command(showCommand)
      .command(updateCommand)
      .command(statusCommand)
      .command(noteCommand)
      .command(gradeCommand)
      .command(reportedCommand)
      .command(checkCommand)
      .command(repinCommand)
      .command(linkCommand)
      .command(observeCommand)
      .command(reportCommand)
      .demandCommand(1),
  handler: () => {},
};
