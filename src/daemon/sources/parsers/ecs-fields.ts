import type { Severity } from '../../../shared/severity.js';
import { int, path, str, strArray } from './fields.js';
import type { AlertFields } from './types.js';

/** ECS event.severity and Kibana risk scores are 0-100 numbers; Kibana also has a word. */
export function ecsSeverity(word: string | undefined, score: number | undefined): Severity | undefined {
  const w = word?.toLowerCase();
  if (w === 'critical' || w === 'high' || w === 'medium' || w === 'low') return w;
  if (score === undefined) return undefined;
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  if (score >= 20) return 'low';
  return 'info';
}

/** MITRE technique ids from ECS `threat` (an object or a list of them; both occur). */
export function ecsMitre(rec: Record<string, unknown>): string[] {
  const threat = path(rec, 'threat');
  const list = Array.isArray(threat) ? threat : threat ? [threat] : [];
  return list.flatMap((t) => {
    const tech = (t as { technique?: unknown } | null)?.technique;
    const techs = Array.isArray(tech) ? tech : tech ? [tech] : [];
    return techs.flatMap((x) => strArray((x as { id?: unknown } | null)?.id));
  });
}

/** The entity fields ECS spells the same way for every producer (Elastic, Wazuh 5, ...). */
export function ecsEntities(rec: Record<string, unknown>): Pick<AlertFields, 'host' | 'srcIp' | 'srcPort' | 'dstIp' | 'dstPort' | 'user' | 'process' | 'fileHash'> {
  return {
    host: str(path(rec, 'host.name')) ?? str(path(rec, 'host.hostname')) ?? str(path(rec, 'agent.name')),
    srcIp: str(path(rec, 'source.ip')),
    srcPort: int(path(rec, 'source.port')),
    dstIp: str(path(rec, 'destination.ip')),
    dstPort: int(path(rec, 'destination.port')),
    user: str(path(rec, 'user.name')),
    process: str(path(rec, 'process.command_line')) ?? str(path(rec, 'process.name')),
    fileHash: str(path(rec, 'file.hash.sha256')) ?? str(path(rec, 'process.hash.sha256')),
  };
}
