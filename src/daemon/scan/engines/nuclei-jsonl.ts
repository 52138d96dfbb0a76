import { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';
import { SEVERITIES, type Severity } from '../../../shared/severity.js';

/** The fields of a nuclei `-jsonl` result line that socdeck keeps; the rest is ignored. */
const NucleiLine = z.object({
  'template-id': z.string().min(1),
  info: z.object({
    name: z.string().default(''),
    severity: z.string().default('info'),
    classification: z
      .object({ 'cve-id': z.array(z.string()).nullable().optional() })
      .partial()
      .nullable()
      .optional(),
  }),
  host: z.string().optional(),
  ip: z.string().optional(),
  port: z.union([z.string(), z.number()]).optional(),
  'matched-at': z.string().optional(),
  'extracted-results': z.array(z.string()).nullable().optional(),
  type: z.string().optional(),
});

export interface NucleiResult {
  templateId: string;
  name: string;
  severity: Severity;
  host: string;
  port?: number;
  matchedAt?: string;
  cves: string[];
  evidence: string;
  line: number;
}

const MAX_LINES = 200_000;

function hostOf(v: z.infer<typeof NucleiLine>): { host: string; port?: number } {
  const raw = v.ip ?? v.host ?? v['matched-at'] ?? '';
  let host = raw;
  let port = v.port === undefined ? undefined : Number(v.port);
  try {
    const u = new URL(/^\w+:\/\//.test(raw) ? raw : `tcp://${raw}`);
    host = u.hostname.replace(/^\[|\]$/g, '');
    if (port === undefined && u.port) port = Number(u.port);
  } catch {
    // a bare name that is not URL-shaped is used as it is
  }
  return Number.isInteger(port) && port! > 0 && port! <= 65535 ? { host, port: port! } : { host };
}

/** Parses nuclei JSON Lines output; every bad line is reported with its number, none is dropped silently. */
export function parseNucleiJsonl(text: string, file = 'nuclei JSONL'): { results: NucleiResult[]; errors: string[] } {
  const lines = text.split('\n');
  if (lines.length > MAX_LINES) throw new SocdeckError('invalid_params', `${file}: ${lines.length} lines is over the ${MAX_LINES}-line limit`);
  const results: NucleiResult[] = [];
  const errors: string[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(l);
    } catch (err) {
      errors.push(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
      return;
    }
    const p = NucleiLine.safeParse(json);
    if (!p.success) {
      errors.push(`${file}:${i + 1}: not a nuclei result: ${p.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return;
    }
    const v = p.data;
    const sev = v.info.severity.toLowerCase();
    const where = hostOf(v);
    const cves = v.info.classification?.['cve-id'] ?? [];
    results.push({
      templateId: v['template-id'],
      name: v.info.name || v['template-id'],
      severity: (SEVERITIES as readonly string[]).includes(sev) ? (sev as Severity) : sev === 'unknown' ? 'info' : 'medium',
      ...where,
      ...(v['matched-at'] ? { matchedAt: v['matched-at'] } : {}),
      cves: cves.map((c) => c.toUpperCase()),
      evidence: [
        `nuclei ${v['template-id']}${v.type ? ` (${v.type})` : ''} matched at ${v['matched-at'] ?? v.host ?? '?'}`,
        ...(v['extracted-results'] ?? []).slice(0, 3).map((e) => `extracted: ${e.slice(0, 120)}`),
      ].join('; '),
      line: i + 1,
    });
  });
  if (results.length === 0 && errors.length > 0) throw new SocdeckError('invalid_params', `${file}: no nuclei results; ${errors.slice(0, 3).join('; ')}`);
  return { results, errors };
}
