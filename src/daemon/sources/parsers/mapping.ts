import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../../shared/severity.js';
import { anyTime, int, path, str, strArray, typeName } from './fields.js';
import { reject, type Parser } from './types.js';

const DotPath = z.string().min(1).max(200);

/** A product export described in config: dot paths to normalised fields plus a severity map. */
export const FieldMapping = z
  .object({
    /** Format name: sources and `--format` refer to it. */
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'lower-case letters, digits, - and _'),
    product: z.string().min(1).max(64),
    /** Auto-detection: a record matches when the value at `path` equals `equals` (or merely exists). Without it, only an explicit format selects this mapping. */
    match: z
      .object({ path: DotPath, equals: z.union([z.string(), z.number(), z.boolean()]).optional() })
      .strict()
      .optional(),
    fields: z
      .object({
        ruleId: DotPath,
        time: DotPath,
        severity: DotPath,
        title: DotPath.optional(),
        host: DotPath.optional(),
        srcIp: DotPath.optional(),
        srcPort: DotPath.optional(),
        dstIp: DotPath.optional(),
        dstPort: DotPath.optional(),
        user: DotPath.optional(),
        process: DotPath.optional(),
        fileHash: DotPath.optional(),
        mitre: DotPath.optional(),
        tags: DotPath.optional(),
        customer: DotPath.optional(),
      })
      .strict(),
    /** Raw severity value (as text) -> normalised severity. Values that already are severity words need no entry. */
    severityMap: z.record(z.string(), z.enum(SEVERITIES)).default({}),
  })
  .strict();
export type FieldMapping = z.infer<typeof FieldMapping>;

export function mappingParser(m: FieldMapping): Parser {
  const f = m.fields;
  const get = (rec: Record<string, unknown>, p: string | undefined) => (p ? path(rec, p) : undefined);
  return {
    format: m.name,
    detect: (rec) => {
      if (!m.match) return false;
      const v = path(rec, m.match.path);
      return m.match.equals === undefined ? v !== undefined : v === m.match.equals;
    },
    parse(rec) {
      const ruleId = str(get(rec, f.ruleId));
      if (!ruleId) return reject(`${m.name}: ${f.ruleId} (ruleId) must be a string or number, got ${typeName(get(rec, f.ruleId))}`);
      const rawTime = get(rec, f.time);
      const time = anyTime(rawTime);
      if (!time) return reject(`${m.name}: ${f.time} (time) is not a valid time, got ${typeName(rawTime)}`);
      const rawSev = get(rec, f.severity);
      const sevText = str(rawSev);
      const severity: Severity | undefined =
        sevText === undefined ? undefined : (m.severityMap[sevText] ?? ((SEVERITIES as readonly string[]).find((s) => s === sevText.toLowerCase()) as Severity | undefined));
      if (!severity) return reject(`${m.name}: ${f.severity} (severity) value ${JSON.stringify(rawSev)?.slice(0, 40) ?? 'missing'} is not in severityMap`);
      return {
        kind: 'alert',
        fields: {
          product: m.product,
          ruleId,
          title: str(get(rec, f.title))?.slice(0, 300) ?? ruleId,
          severity,
          rawSeverity: typeof rawSev === 'number' ? rawSev : sevText,
          time,
          host: str(get(rec, f.host)),
          srcIp: str(get(rec, f.srcIp)),
          srcPort: int(get(rec, f.srcPort)),
          dstIp: str(get(rec, f.dstIp)),
          dstPort: int(get(rec, f.dstPort)),
          user: str(get(rec, f.user)),
          process: str(get(rec, f.process)),
          fileHash: str(get(rec, f.fileHash)),
          customer: str(get(rec, f.customer)),
          mitre: strArray(get(rec, f.mitre)),
          tags: strArray(get(rec, f.tags)),
        },
      };
    },
  };
}
