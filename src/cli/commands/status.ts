import type { CommandModule } from 'yargs';
import { SEVERITIES } from '../../shared/severity.js';
import { jsonOption, printJson, printText, withClient, type GlobalArgs } from '../context.js';

export const statusCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'status',
  describe: 'Show the running daemon: version, clients, alert counts, sources, modules',
  builder: (y) => jsonOption(y),
  handler: async (argv) => {
    const s = await withClient(argv, (c) => c.request('daemon.status'));
    if (argv.json) return printJson(s);
    const out = [
      `socdeck daemon ${s.version} (protocol ${s.protocolVersion}) pid ${s.pid}, up since ${s.startedAt}`,
      `data dir  ${s.dataDir}`,
      `clients   ${s.clients}`,
      `alerts    ${s.alerts.total} (${SEVERITIES.map((k) => `${k} ${s.alerts.bySeverity[k]}`).join(', ')})`,
      `modules   ${s.modules.map((m) => `${m.name}:${m.state}`).join(' ') || '-'}`,
      ...s.sources.map((src) => `source    ${src.name} [${src.kind}] ${src.state}, ${src.ingested} ingested${src.lastError ? `, last error: ${src.lastError}` : ''}`),
    ];
    printText(out.join('\n') + '\n');
  },
};
