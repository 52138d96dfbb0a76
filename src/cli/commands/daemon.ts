import type { CommandModule } from 'yargs';
import { startDaemon } from '../../daemon/daemon.js';
import { resolveDataDir } from '../../daemon/paths.js';
import type { GlobalArgs } from '../context.js';

/** Graceful stop must finish within this; past it the process exits anyway. */
const STOP_DEADLINE_MS = 5000;

export const daemonCommand: CommandModule<GlobalArgs, GlobalArgs & { port?: number }> = {
  command: 'daemon',
  describe: 'Run the daemon in the foreground (logs to stderr)',
  builder: (y) => y.option('port', { type: 'number', describe: 'Listen port (0 = any free port); overrides daemon.port' }),
  handler: async (argv) => {
    const d = await startDaemon({
      dataDir: resolveDataDir(argv['data-dir']),
      ...(argv.config ? { configFile: argv.config } : {}),
      ...(argv.port !== undefined ? { port: argv.port } : {}),
    });
    await new Promise<void>((resolve) => {
      const onSignal = (sig: NodeJS.Signals) => {
        const force = setTimeout(() => {
          process.stderr.write(`socdeck: graceful stop took over ${STOP_DEADLINE_MS} ms; exiting\n`);
          process.exit(1);
        }, STOP_DEADLINE_MS);
        force.unref();
        void d.stop(`signal ${sig}`).then(resolve);
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    });
  },
};
