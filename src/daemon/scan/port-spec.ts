import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SocdeckError } from '../../shared/errors.js';
import { PACKAGE_ROOT } from '../config.js';

export const HIGH_RISK_FILE = join(PACKAGE_ROOT, 'config', 'ports', 'high-risk.yaml');

const HighRiskFile = z.object({
  ports: z.array(z.object({ port: z.number().int().min(1).max(65535), service: z.string(), category: z.string(), reason: z.string().min(1) }).strict()).min(1),
});
export type HighRiskPort = z.infer<typeof HighRiskFile>['ports'][number];

let highRiskCache: HighRiskPort[] | undefined;

/** The shipped high-risk list; a malformed file names the entry that is wrong. */
export function loadHighRiskPorts(file = HIGH_RISK_FILE): HighRiskPort[] {
  if (file === HIGH_RISK_FILE && highRiskCache) return highRiskCache;
  const parsed = HighRiskFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new SocdeckError('config_invalid', `${file}: ${i.path.join('.')}: ${i.message}`);
  }
  if (file === HIGH_RISK_FILE) highRiskCache = parsed.data.ports;
  return parsed.data.ports;
}

/** The most ports one spec may expand to: the whole TCP range. */
const MAX_PORTS = 65535;

/**
 * Expands `high-risk`, `all`, `1-65535` or a list such as `22,80,8000-8100` into sorted
 * unique ports. Errors name the piece that is wrong.
 */
export function parsePortSpec(spec: string): number[] {
  const s = spec.trim();
  if (s === 'high-risk') return [...new Set(loadHighRiskPorts().map((p) => p.port))].sort((a, b) => a - b);
  if (s === 'all') return parsePortSpec('1-65535');
  const ports = new Set<number>();
  for (const piece of s.split(',')) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(piece.trim());
    const lo = Number(m?.[1]);
    const hi = m?.[2] === undefined ? lo : Number(m[2]);
    if (!m || lo < 1 || hi > 65535 || lo > hi) {
      throw new SocdeckError('invalid_params', `port spec "${spec}": "${piece}" is not a port (1-65535) or range (lo-hi); use high-risk, all, or a list like 22,80,8000-8100`);
    }
    for (let p = lo; p <= hi && ports.size <= MAX_PORTS; p++) ports.add(p);
  }
  return [...ports].sort((a, b) => a - b);
}
