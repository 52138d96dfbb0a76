export const LogLevel = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LogLevel;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

/** One line per record: `time level scope message key=value…`, readable in a terminal and greppable. */
export function createLogger(opts: { level?: LogLevel; sink?: LogSink; scope?: string } = {}): Logger {
  const min = LogLevel[opts.level ?? 'info'];
  const sink = opts.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const make = (scope: string): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
      if (LogLevel[level] < min) return;
      const kv = fields
        ? Object.entries(fields)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
            .join(' ')
        : '';
      sink(`${new Date().toISOString()} ${level.padEnd(5)} ${scope} ${msg}${kv ? ' ' + kv : ''}`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (s) => make(scope ? `${scope}.${s}` : s),
    };
  };
  return make(opts.scope ?? 'socdeck');
}

export const silentLogger: Logger = createLogger({ sink: () => {} });
