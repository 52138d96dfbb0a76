import type { CommandModule } from 'yargs';
import { Severity, SEVERITIES } from '../../shared/severity.js';
import { fit } from '../../shared/text.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';
import { exportOptions, exportToStdout, pageParam, type ExportArgs } from '../ndjson-export.js';
import { ALERT_ACTION_COMMANDS } from './alert-actions.js';

interface ListArgs extends ExportArgs {
  limit: number;
  'min-severity'?: Severity;
  filter?: string;
}

const listCommand: CommandModule<GlobalArgs, ListArgs> = {
  command: 'list',
  describe: 'List alerts in queue order (most severe, then most recent)',
  builder: (y) =>
    exportOptions(jsonOption(y))
      .option('limit', { type: 'number', default: 50, describe: 'Most rows to print (1-10000); --all for every one' })
      .option('min-severity', { choices: SEVERITIES, describe: 'Only alerts at or above this severity' })
      .option('filter', { type: 'string', describe: 'Filter expression, e.g. "sev>=high host:web-* !state:closed"' }),
  handler: async (argv) => {
    const query = { ...(argv['min-severity'] ? { minSeverity: argv['min-severity'] } : {}), ...(argv.filter ? { filter: argv.filter } : {}) };
    if (argv.all) {
      return exportToStdout(argv, 'alerts', (c, cursor, limit) =>
        c.request('alerts.list', { ...query, limit, page: pageParam(cursor) }).then((r) => ({ rows: r.alerts, ...(r.next ? { next: r.next } : {}) })),
      );
    }
    const res = await withClient(argv, (c) => c.request('alerts.list', { ...query, limit: argv.limit }));
    const truncated = res.alerts.length < res.total;
    if (argv.json) return printJson({ ...res, truncated });
    const lines = res.alerts.map((a) => [fit(a.severity, 8), fit(a.lastSeen, 24), fit(a.host ?? '-', 14), fit(a.product, 9), fit(a.ruleId, 10), fit(String(a.count), 5), a.title].join(' '));
    const hidden = res.suppressed ? ` (${res.suppressed} suppressed)` : '';
    const more = truncated ? ` (truncated at --limit ${argv.limit}; --all exports every one)` : '';
    printText(`${lines.join('\n')}${lines.length ? '\n' : ''}${res.alerts.length} of ${res.total} alerts${hidden}${more}\n`);
  },
};

export const alertsCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'alerts <command>',
  describe: 'Alert queue commands',
  builder: (y) =>
    y
      .command(listCommand)
      .command(ALERT_ACTION_COMMANDS as unknown as CommandModule<GlobalArgs, GlobalArgs>[])
      .demandCommand(1),
  handler: () => {},
};
