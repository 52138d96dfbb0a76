import type { Severity } from '../../../shared/severity.js';
import { TECHNIQUE_ID } from '../../../shared/attack/attack-ref.js';
import { isoTime, obj, str, strArray, typeName } from './fields.js';
import { falcoAttack } from './attack-hints.js';
import { reject, type Parser } from './types.js';

const PRIORITY: Record<string, Severity> = {
  emergency: 'critical',
  alert: 'critical',
  critical: 'critical',
  error: 'high',
  warning: 'medium',
  notice: 'low',
  informational: 'info',
  info: 'info',
  debug: 'info',
};

export const falcoParser: Parser = {
  format: 'falco',
  detect: (rec) => 'priority' in rec && 'rule' in rec && 'output' in rec,
  parse(rec) {
    const priority = str(rec.priority);
    const severity = priority ? PRIORITY[priority.toLowerCase()] : undefined;
    if (!severity) return reject(`falco: priority must be Emergency..Debug, got ${typeName(rec.priority)} ${JSON.stringify(rec.priority)?.slice(0, 40)}`);
    const rule = str(rec.rule);
    if (!rule) return reject(`falco: rule must be a string, got ${typeName(rec.rule)}`);
    const time = isoTime(rec.time);
    if (!time) return reject(`falco: time is not an RFC 3339 time, got ${typeName(rec.time)}`);
    // output_fields keys contain dots (proc.cmdline): they are flat keys, not paths.
    const fields = obj(rec.output_fields) ?? {};
    const tags = strArray(rec.tags);
    return {
      kind: 'alert',
      fields: {
        product: 'falco',
        ruleId: rule,
        title: str(rec.output)?.slice(0, 300) ?? rule,
        severity,
        rawSeverity: priority,
        time,
        host: str(rec.hostname) ?? str(fields.hostname),
        user: str(fields['user.name']),
        process: str(fields['proc.cmdline']) ?? str(fields['proc.name']),
        srcIp: str(fields['fd.sip']),
        dstIp: str(fields['fd.cip']),
        mitre: tags.filter((t) => TECHNIQUE_ID.test(t)),
        attackHints: falcoAttack(tags),
        tags,
      },
    };
  },
};
