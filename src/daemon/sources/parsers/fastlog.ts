import { SURICATA_SEVERITY } from './suricata.js';
import type { TextParser } from './types.js';

// MM/DD/YYYY-HH:MM:SS.micro  [**] [gid:sid:rev] msg [**] [Classification: c] [Priority: N] {PROTO} src:port -> dst:port
const LINE =
  /^(\d{2})\/(\d{2})\/(\d{4})-(\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s+\[\*\*\]\s+\[(\d+):(\d+):(\d+)\]\s+(.*?)\s+\[\*\*\](?:\s+\[Classification:\s*([^\]]*)\])?\s+\[Priority:\s*(\d+)\]\s+\{(\w+)\}\s+(\S+?)(?::(\d+))?\s+->\s+(\S+?)(?::(\d+))?\s*$/;

/** Suricata fast.log lines. fast.log carries no zone: the sensor's clock is taken as UTC. */
export const fastlogParser: TextParser = {
  format: 'suricata',
  parseLine(line) {
    const m = LINE.exec(line);
    if (!m) return undefined;
    const [, mo, dd, yyyy, hms, frac = '0', , sid, , msg, cls, prio, proto, src, sport, dst, dport] = m;
    const t = Date.parse(`${yyyy}-${mo}-${dd}T${hms}.${frac.padEnd(3, '0').slice(0, 3)}Z`);
    if (Number.isNaN(t)) return { kind: 'reject', reason: 'suricata fast.log: invalid date' };
    const level = Number(prio);
    return {
      kind: 'alert',
      fields: {
        product: 'suricata',
        ruleId: sid!,
        title: msg!,
        severity: SURICATA_SEVERITY[level] ?? 'info',
        rawSeverity: level,
        time: new Date(t).toISOString(),
        srcIp: src,
        srcPort: sport ? Number(sport) : undefined,
        dstIp: dst,
        dstPort: dport ? Number(dport) : undefined,
        mitre: [],
        tags: [cls, proto].filter((x): x is string => !!x),
      },
    };
  },
};
