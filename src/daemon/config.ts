import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { SocdeckError } from '../shared/errors.js';
import { packageRootOf } from '../shared/package-root.js';

/** The package root, found from this file whether it runs from src/ (tsx), dist/ or the CLI bundle. */
export const PACKAGE_ROOT = packageRootOf(import.meta.url);
export const DEFAULT_CONFIG_FILE = join(PACKAGE_ROOT, 'config', 'default.yaml');

export const DaemonSection = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(7733),
    /** Bytes queued for one client before its subscriptions are reset instead of buffered. */
    sendBufferCap: z
      .number()
      .int()
      .min(64 * 1024)
      .default(8 * 1024 * 1024),
    /** Most alerts a subscription snapshot carries; the rest is counted in `total`. */
    snapshotLimit: z.number().int().min(1).max(10_000).default(2000),
    maxClients: z.number().int().min(1).max(1000).default(64),
    maxClientsPerIp: z.number().int().min(1).max(1000).default(16),
    /** Bytes of replies and events queued for one client before it is cut off (covers replies, unlike sendBufferCap). */
    clientByteBudget: z
      .number()
      .int()
      .min(1024 * 1024)
      .default(32 * 1024 * 1024),
    maxInFlightPerClient: z.number().int().min(1).max(1000).default(16),
    helloTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
    deltaIntervalMs: z.number().int().min(10).max(5000).default(50),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .strict();
export type DaemonSection = z.infer<typeof DaemonSection>;

/** store.postgres (see README "Running a cluster"). */
export const PostgresSection = z
  .object({
    /** The connection URL carries a password: only by reference, never inline. */
    url: z.string().regex(/^(env|file):.+/, 'give the URL as env:NAME or file:/path (0600), never inline'),
    poolSize: z.number().int().min(1).max(100).default(4),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a plain lower-case identifier')
      .default('socdeck'),
    /** Journal rows compaction keeps behind the slowest live member. */
    keepOps: z.number().int().min(0).default(100_000),
    /** A member that is not leader tries to become it this often; a dead leader is replaced within about this. */
    electionMs: z.number().int().min(100).max(60_000).default(1000),
  })
  .strict();

export const StoreSection = z
  .object({
    checkpointEvery: z.number().int().min(1).default(50_000),
    /** Also checkpoint on a timer, so a quiet daemon does not keep a long journal to replay. */
    checkpointIntervalMs: z
      .number()
      .int()
      .min(1000)
      .default(5 * 60_000),
    backend: z.enum(['json', 'postgres']).default('json'),
    postgres: PostgresSection.optional(),
  })
  .strict()
  .refine((s) => s.backend !== 'postgres' || s.postgres?.url !== undefined, { message: 'backend postgres needs postgres.url (env:NAME or file:/path)', path: ['postgres', 'url'] });

export interface LoadedConfig {
  daemon: DaemonSection;
  store: z.infer<typeof StoreSection>;
  /** Raw module sections, validated by each module's own schema when it starts. */
  sections: Record<string, unknown>;
  files: string[];
  /** Names the file and line a key path came from, for error messages. */
  locate(path: (string | number)[]): string;
}

interface ParsedFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: Record<string, unknown>;
}

function parseFile(file: string): ParsedFile {
  if (!existsSync(file)) throw new SocdeckError('config_invalid', `config file ${file} does not exist`, { file });
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    throw new SocdeckError('config_invalid', `${file}:${pos.line}:${pos.col}: ${first.message.split('\n')[0]}`, { file, line: pos.line });
  }
  const data = (doc.toJS() ?? {}) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SocdeckError('config_invalid', `${file}: top level must be a mapping of sections`, { file });
  }
  return { file, doc, lines, data: data as Record<string, unknown> };
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
    return out;
  }
  return over;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Formats a zod failure as `file:line: key.path: message`, one issue per line. */
export function describeZodError(err: z.ZodError, prefix: (string | number)[], locate: LoadedConfig['locate']): string {
  return err.issues
    .map((i) => {
      const path = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      return `${locate(path)}${path.join('.')}: ${i.message}`;
    })
    .join('\n');
}

export function loadConfig(userFile?: string, knownSections: readonly string[] = [], overrides: Record<string, unknown> = {}): LoadedConfig {
  const parsed = [parseFile(DEFAULT_CONFIG_FILE)];
  if (userFile) parsed.push(parseFile(resolve(userFile)));
  // Overrides come from code (tests, embedded use), after every file.
  const merged = deepMerge(
    parsed.reduce<unknown>((acc, p) => deepMerge(acc, p.data), {}),
    overrides,
  ) as Record<string, unknown>;

  const locate = (path: (string | number)[]): string => {
    // The user file wins a merge, so look there first.
    for (const p of [...parsed].reverse()) {
      let node: unknown = p.doc.contents;
      let found: unknown;
      for (const key of path) {
        if (!isMap(node)) break;
        const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
        if (!pair) break;
        found = pair.key;
        node = pair.value;
      }
      const range = (found as { range?: [number, number] } | undefined)?.range;
      if (range) {
        const pos = p.lines.linePos(range[0]);
        return `${p.file}:${pos.line}: `;
      }
    }
    return `${parsed.at(-1)?.file ?? 'config'}: `;
  };

  // `tui` belongs to the TUI process, which reads these same files (src/cli/tui-config.ts), and
  // `assess` to `socdeck assess run` (src/daemon/assess/assess-config.ts); the daemon leaves both alone.
  const allowed = new Set(['daemon', 'store', 'tui', 'assess', 'auth', ...knownSections]);
  for (const key of Object.keys(merged)) {
    if (!allowed.has(key)) {
      throw new SocdeckError('config_invalid', `${locate([key])}${key}: unknown config section (known: ${[...allowed].join(', ')})`);
    }
  }
  const daemon = DaemonSection.safeParse(merged.daemon ?? {});
  if (!daemon.success) throw new SocdeckError('config_invalid', describeZodError(daemon.error, ['daemon'], locate));
  const store = StoreSection.safeParse(merged.store ?? {});
  if (!store.success) throw new SocdeckError('config_invalid', describeZodError(store.error, ['store'], locate));
  return { daemon: daemon.data, store: store.data, sections: merged, files: parsed.map((p) => p.file), locate };
}
