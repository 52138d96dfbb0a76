import type { CommandModule } from 'yargs';
import { auditColumns, describeAuditChange } from '../../shared/triage.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';
import { exportOptions, exportToStdout, pageParam, type ExportArgs } from '../ndjson-export.js';

interface AuditArgs extends ExportArgs {
  limit: number;
  alert?: string;
  actor?: string;
  action?: string;
}

export const auditCommand: CommandModule<GlobalArgs, AuditArgs> = {
  command: 'audit',
  describe: 'Who changed what and when (newest first)',
  builder: (y) =>
    exportOptions(jsonOption(y))
      .option('limit', { type: 'number', default: 100, describe: 'Most entries to print (1-10000)' })
      .option('alert', { type: 'string', describe: 'Only entries for this alert id' })
      .option('actor', { type: 'string', describe: 'Only entries by this user' })
      .option('action', { type: 'string', describe: 'Only this action (ack, take, close, note, snooze, suppress, leak.state, finding.accept, scan.run, advisory.publish, reingest, …)' }),
  handler: async (argv) => {
    const query = { ...(argv.alert ? { alertId: argv.alert } : {}), ...(argv.actor ? { actor: argv.actor } : {}), ...(argv.action ? { action: argv.action } : {}) };
    if (argv.all) {
      return exportToStdout(argv, 'audit entries', (c, cursor, limit) =>
        c.request('audit.list', { ...query, limit, page: pageParam(cursor) }).then((r) => ({ rows: r.entries, ...(r.next ? { next: r.next } : {}) })),
      );
    }
    const res = await withClient(argv, (c) => c.request('audit.list', { ...query, limit: argv.limit }));
    if (argv.json) return printJson(res);
    const lines = res.entries.map((e) => `${auditColumns(e)} ${describeAuditChange(e)}`);
    printText(`${lines.join('\n')}${lines.length ? '\n' : ''}${res.entries.length} of ${res.total} entries\n`);
  },
};
