import type { Severity } from '../../../shared/severity.js';
import { int, isoTime, obj, str, strArray, typeName } from './fields.js';
import { suricataAttack } from './attack-hints.js';
import { reject, type Parser } from './types.js';

// Suricata: 1 is the most severe; 4 exists for low-priority signatures. fast.log's Priority uses the same scale.
export const SURICATA_SEVERITY: Record<number, Severity> = { 1: 'high', 2: 'medium', 3: 'low', 4: 'info' };

export const suricataParser: Parser = {
  format: 'suricata',
  detect: (rec) => typeof rec.event_type === 'string' && ('flow_id' in rec || 'src_ip' in rec || rec.event_type === 'stats'),
  parse(rec) {
    if (rec.event_type !== 'alert') return { kind: 'skip', reason: `suricata event_type ${String(rec.event_type)}` };
    const alert = obj(rec.alert);
    if (!alert) return reject(`suricata: alert must be an object, got ${typeName(rec.alert)}`);
    const sid = str(alert.signature_id);
    if (!sid) return reject(`suricata: alert.signature_id must be a number, got ${typeName(alert.signature_id)}`);
    const time = isoTime(rec.timestamp);
    if (!time) return reject(`suricata: timestamp is not a valid time, got ${typeName(rec.timestamp)}`);
    const level = alert.severity === undefined ? 3 : int(alert.severity);
    if (level === undefined) return reject(`suricata: alert.severity must be an integer 1-4, got ${typeName(alert.severity)}`);
    const meta = obj(alert.metadata);
    return {
      kind: 'alert',
      fields: {
        product: 'suricata',
        ruleId: sid,
        title: str(alert.signature) ?? `Suricata sid ${sid}`,
        severity: SURICATA_SEVERITY[level] ?? 'info',
        rawSeverity: level,
        time,
        host: str(rec.host) ?? str(rec.in_iface),
        srcIp: str(rec.src_ip),
        srcPort: int(rec.src_port),
        dstIp: str(rec.dest_ip),
        dstPort: int(rec.dest_port),
        mitre: strArray(meta?.mitre_technique_id),
        attackHints: suricataAttack(meta),
        tags: [str(alert.category), str(alert.action), str(rec.proto)].filter((t): t is string => t !== undefined),
      },
    };
  },
};
