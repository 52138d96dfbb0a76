import type { Severity } from '../../../shared/severity.js';
import { int, isoTime, path, str, strArray } from './fields.js';
import type { Parser } from './types.js';

/** ECS event.severity and Kibana risk scores are 0-100 numbers; Kibana also has a word. */
function severityFrom(word: string | undefined, score: number | undefined): Severity | undefined {
  const w = word?.toLowerCase();
  if (w === 'critical' || w === 'high' || w === 'medium' || w === 'low') return w;
  if (score === undefined) return undefined;
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  if (score >= 20) return 'low';
  return 'info';
}

export const ecsParser: Parser = {
  format: 'ecs',
  detect: (rec) => '@timestamp' in rec && (path(rec, 'ecs.version') !== undefined || path(rec, 'kibana.alert.rule.name') !== undefined || path(rec, 'event.kind') !== undefined),
  parse(rec) {
    const time = isoTime(rec['@timestamp']);
    const ruleName = str(path(rec, 'kibana.alert.rule.name')) ?? str(path(rec, 'rule.name'));
    const ruleId = str(path(rec, 'kibana.alert.rule.rule_id')) ?? str(path(rec, 'rule.id')) ?? ruleName;
    if (!time || !ruleId) return { kind: 'reject', reason: 'ECS record needs @timestamp and a rule id or name' };
    const word = str(path(rec, 'kibana.alert.severity'));
    const score = int(path(rec, 'kibana.alert.risk_score')) ?? int(path(rec, 'event.severity'));
    const severity = severityFrom(word, score) ?? 'medium';
    const threat = path(rec, 'threat');
    const mitre = Array.isArray(threat)
      ? threat.flatMap((t) => strArray((t as { technique?: { id?: unknown }[] }).technique?.map((x) => x.id)))
      : [];
    return {
      kind: 'alert',
      fields: {
        product: 'ecs',
        ruleId,
        title: str(path(rec, 'kibana.alert.reason'))?.slice(0, 300) ?? ruleName ?? ruleId,
        severity,
        rawSeverity: word ?? score,
        time,
        host: str(path(rec, 'host.name')) ?? str(path(rec, 'host.hostname')),
        srcIp: str(path(rec, 'source.ip')),
        srcPort: int(path(rec, 'source.port')),
        dstIp: str(path(rec, 'destination.ip')),
        dstPort: int(path(rec, 'destination.port')),
        user: str(path(rec, 'user.name')),
        process: str(path(rec, 'process.command_line')) ?? str(path(rec, 'process.name')),
        fileHash: str(path(rec, 'file.hash.sha256')) ?? str(path(rec, 'process.hash.sha256')),
        mitre,
        tags: strArray(path(rec, 'tags')),
      },
    };
  },
};
