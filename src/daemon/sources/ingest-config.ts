import { z } from 'zod';
import { BUILTIN_FORMATS } from './parsers/registry.js';
import { FieldMapping } from './parsers/mapping.js';
import { tencentCwpSourceFields } from '../cloud/tencent/cwp-source-config.js';
import { AttackConfig } from './attack/attack-config.js';
import { sigmaSourceFields } from '../sigma/sigma-source-config.js';

const SourceName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, ., - and _ (it appears in URLs and store keys)');
const common = { name: SourceName, format: z.string().default('auto'), customer: z.string().optional() };

export const FileSourceConfig = z
  .object({
    ...common,
    kind: z.literal('file'),
    ...sigmaSourceFields,
    /** Files or globs (`*` and `?` in the last path segment), e.g. /var/ossec/logs/alerts/alerts.json. */
    paths: z.array(z.string().min(1)).min(1),
    pollMs: z.number().int().min(10).max(60_000).default(500),
    /** Where a file never seen before is read from; `end` skips history. */
    startAt: z.enum(['beginning', 'end']).default('beginning'),
    readChunkBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(64 * 1024 * 1024)
      .default(4 * 1024 * 1024),
  })
  .strict();

export const WebhookSourceConfig = z
  .object({
    ...common,
    kind: z.literal('webhook'),
    ...sigmaSourceFields,
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(256 * 1024 * 1024)
      .default(10 * 1024 * 1024),
  })
  .strict();

export const SyslogSourceConfig = z
  .object({
    ...common,
    kind: z.literal('syslog'),
    ...sigmaSourceFields,
    host: z.string().default('127.0.0.1'),
    udpPort: z.number().int().min(0).max(65535).optional(),
    tcpPort: z.number().int().min(0).max(65535).optional(),
    /** Longest message (frame) accepted; longer ones are quarantined (TCP) or cut by the datagram size (UDP). */
    maxMessageBytes: z
      .number()
      .int()
      .min(480)
      .max(16 * 1024 * 1024)
      .default(256 * 1024),
    maxConnections: z.number().int().min(1).max(10_000).default(256),
    /** Messages are batched into one journal commit at most this often. */
    flushMs: z.number().int().min(1).max(10_000).default(100),
  })
  .strict()
  .refine((s) => s.udpPort !== undefined || s.tcpPort !== undefined, { message: 'set udpPort, tcpPort or both' });

export const HttpPollSourceConfig = z
  .object({
    ...common,
    kind: z.literal('http-poll'),
    /** Base URL of the search API, e.g. https://indexer:9200 */
    url: z.url(),
    index: z.string().min(1).default('wazuh-alerts-*'),
    /** Sort keys for search_after paging: a timestamp, then a unique tie-breaker. */
    sort: z.array(z.string().min(1)).min(2).default(['timestamp', 'id']),
    /** Extra query clause (Elasticsearch DSL) ANDed with the time range. */
    query: z.record(z.string(), z.unknown()).optional(),
    pageSize: z.number().int().min(1).max(10_000).default(500),
    intervalMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3600_000)
      .default(60_000),
    /** On first start, fetch this far back. */
    lookbackMinutes: z.number().int().min(1).default(60),
    timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
    retries: z.number().int().min(0).max(10).default(3),
    /** Basic auth; the password is read from the named environment variable, never from this file. */
    auth: z.object({ username: z.string(), passwordEnv: z.string() }).strict().optional(),
    maxPagesPerRun: z.number().int().min(1).max(10_000).default(100),
  })
  .strict();

export const TencentCwpSourceConfig = z.object({ ...common, ...tencentCwpSourceFields }).strict();

export const SourceConfig = z.discriminatedUnion('kind', [FileSourceConfig, WebhookSourceConfig, SyslogSourceConfig, HttpPollSourceConfig, TencentCwpSourceConfig]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type FileSourceConfig = z.infer<typeof FileSourceConfig>;
export type WebhookSourceConfig = z.infer<typeof WebhookSourceConfig>;
export type SyslogSourceConfig = z.infer<typeof SyslogSourceConfig>;
export type HttpPollSourceConfig = z.infer<typeof HttpPollSourceConfig>;
export type TencentCwpSourceConfig = z.infer<typeof TencentCwpSourceConfig>;

export const IngestConfig = z
  .object({
    /** Repeats of one fingerprint within this many seconds raise the count instead of a new row. */
    dedupWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(600),
    /** Longer lines are quarantined, never buffered. */
    maxLineBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    quarantineRawBytes: z
      .number()
      .int()
      .min(256)
      .max(16 * 1024 * 1024)
      .default(64 * 1024),
    quarantineMaxEntries: z.number().int().min(1).max(1_000_000).default(10_000),
    /** Total bytes of full raw records kept beside quarantine entries whose inline text is cut or lossy. */
    quarantineSpillMaxBytes: z
      .number()
      .int()
      .min(0)
      .max(64 * 1024 ** 3)
      .default(256 * 1024 * 1024),
    /** Records per journal commit for file and poll sources. */
    batchMaxRecords: z.number().int().min(1).max(100_000).default(5000),
    /** File sources parse big chunks on a worker thread too (only where there are 2+ cores). */
    parseWorker: z.boolean().default(true),
    mappings: z.array(FieldMapping).default([]),
    /** ATT&CK placement of new rows: catalogue and product + rule mappings. */
    attack: AttackConfig.prefault({}),
    sources: z.array(SourceConfig).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const formats = new Set<string>([...BUILTIN_FORMATS, ...c.mappings.map((m) => m.name)]);
    const seen = new Set<string>();
    c.mappings.forEach((m, i) => {
      if ((BUILTIN_FORMATS as readonly string[]).includes(m.name)) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'name'], message: `"${m.name}" is a built-in format` });
    });
    c.sources.forEach((s, i) => {
      if ('detect' in s && s.detect === 'sigma' && !s.sigma) ctx.addIssue({ code: 'custom', path: ['sources', i, 'sigma'], message: 'detect: sigma needs a sigma block (at least sigma.mapping)' });
      if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `duplicate source name "${s.name}"` });
      seen.add(s.name);
      if (!formats.has(s.format)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'format'], message: `unknown format "${s.format}" (known: ${[...formats].join(', ')})` });
    });
  });
export type IngestConfig = z.infer<typeof IngestConfig>;
