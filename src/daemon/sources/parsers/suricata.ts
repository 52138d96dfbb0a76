import type { Severity } from '../../../shared/severity.js';
import { int, isoTime, obj, str, strArray } from './fields.js';
import type { Parser } from './types.js';

// Suricata: 1 is the most severe; 4 exists for low-priority signatures.
const SEVERITY: Record<number, Severity> = { 1: 'high', 2: 'medium', 3: 'low', 4: 'info' };

export const suricataParser: Parser = {
  format: 'suricata',
  detect: (rec) => typeof rec.event_type === 'string' && ('flow_id' in rec || 'src_ip' in rec || rec.event_type === 'stats'),
  parse(rec) {
    if (rec.event_type !== 'alert') return { kind: 'skip', reason: `suricata event_type ${String(rec.event_type)}` };
    const alert = obj(rec.alert);
    const time = isoTime(rec.timestamp);
    const sid = str(alert?.signature_id);
    if (!alert || !time || !sid) return { kind: 'reject', reason: 'suricata alert without alert.signature_id or a valid timestamp' };
    const level = int(alert.severity) ?? 3;
    const meta = obj(alert.metadata);
    return {
      kind: 'alert',
      fields: {
        product: 'suricata',
        ruleId: sid,
        title: str(alert.signature) ?? `Suricata sid ${sid}`,
        severity: SEVERITY[level] ?? 'info',
        rawSeverity: level,
        time,
        host: str(rec.host) ?? str(rec.in_iface),
        srcIp: str(rec.src_ip),
        srcPort: int(rec.src_port),
        dstIp: str(rec.dest_ip),
        dstPort: int(rec.dest_port),
        mitre: strArray(meta?.mitre_technique_id),
        tags: [str(alert.category), str(alert.action), str(rec.proto)].filter((t): t is string => t !== undefined),
      },
    };
  },
};
