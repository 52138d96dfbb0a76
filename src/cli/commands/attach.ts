import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { resolveDataDir } from '../../daemon/paths.js';
import { SocdeckError } from '../../shared/errors.js';
import { findDaemon, type GlobalArgs } from '../context.js';

export const attachCommand: CommandModule<GlobalArgs, GlobalArgs & { port?: number }> = {
  command: '$0',
  describe: 'Open the TUI: attach to the running daemon, or start an embedded one',
  builder: (y) => y.option('port', { type: 'number', describe: 'Port for an embedded daemon (default from config; 0 = any free port)' }),
  handler: async (argv) => {
    if (!process.stdin.isTTY) {
      throw new SocdeckError('invalid_params', 'the TUI needs an interactive terminal (stdin is not a TTY); for scripts use `socdeck status --json` or `socdeck alerts list --json`');
    }
    // Ink reads CI/CONTINUOUS_INTEGRATION when it is first imported and then paints only the final
    // frame. An analyst's terminal is interactive whatever the environment inherited says.
    if (process.stdout.isTTY) for (const v of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[v];
    // Loaded only here: ink and react are not needed by `socdeck daemon` or the scripting commands.
    // react-mode first: it picks React's build before anything loads React.
    await import('../../tui/react-mode.js');
    const { runTui } = await import('../../tui/run-tui.js');
    const { loadTuiConfig } = await import('../tui-config.js');
    // Checked before anything starts, so a bad key binding is a config error, not a half-open TUI.
    const { keys } = loadTuiConfig(argv.config);
    const found = findDaemon(argv['data-dir'], argv['token-file']);
    if (found) return runTui({ url: found.url, token: found.token, keys });

    const { startDaemon } = await import('../../daemon/daemon.js');
    const { createLogger } = await import('../../daemon/logger.js');
    const dataDir = resolveDataDir(argv['data-dir']);
    // The TUI owns the terminal, so an embedded daemon logs to a file in the data dir.
    const logFile = createWriteStream(join(dataDir, 'daemon.log'), { flags: 'a', mode: 0o600 });
    const start = (port: number | undefined) =>
      startDaemon({
        dataDir,
        log: createLogger({ sink: (l) => logFile.write(l + '\n') }),
        ...(argv.config ? { configFile: argv.config } : {}),
        ...(port !== undefined ? { port } : {}),
      });
    const d = await start(argv.port).catch((err: NodeJS.ErrnoException) => {
      // Another program holds the default port: an embedded daemon can live on any port.
      if (err.code === 'EADDRINUSE' && argv.port === undefined) return start(0);
      throw err;
    });
    await runTui({
      url: `ws://${d.info.host}:${d.info.port}/`,
      token: d.token,
      keys,
      onExit: async () => {
        await d.stop('TUI quit');
        logFile.end();
      },
    });
  },
};
