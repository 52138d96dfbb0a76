import type { Severity } from '../../../shared/severity.js';
import { int, isoTime, obj, path, str, strArray, typeName } from './fields.js';
import { wazuhAttack } from './attack-hints.js';
import { reject, type Parser } from './types.js';

/**
 * Wazuh rule levels 0-15 on the Wazuh dashboard's bands (low 0-6, medium 7-11, high 12-14,
 * critical 15), with 0-2 (ignored / system notices) as info.
 */
export function wazuhLevelSeverity(level: number): Severity {
  if (level >= 15) return 'critical';
  if (level >= 12) return 'high';
  if (level >= 7) return 'medium';
  if (level >= 3) return 'low';
  return 'info';
}

/** Wazuh 4.x alerts.json records (`_source` of an indexer hit is unwrapped by the registry). */
export const wazuhParser: Parser = {
  format: 'wazuh',
  detect: (rec) => obj(rec.rule) !== undefined && 'timestamp' in rec && ('agent' in rec || 'manager' in rec || 'decoder' in rec),
  parse(rec) {
    const rule = obj(rec.rule) ?? {};
    const level = int(rule.level);
    if (level === undefined || level < 0 || level > 15) return reject(`wazuh: rule.level must be an integer 0-15, got ${typeName(rule.level)} ${JSON.stringify(rule.level)?.slice(0, 40)}`);
    const ruleId = str(rule.id);
    if (!ruleId) return reject(`wazuh: rule.id must be a string, got ${typeName(rule.id)}`);
    const time = isoTime(rec.timestamp);
    if (!time) return reject(`wazuh: timestamp is not a valid time, got ${typeName(rec.timestamp)}`);
    const data = obj(rec.data) ?? {};
    const agent = obj(rec.agent) ?? {};
    const syscheck = obj(rec.syscheck) ?? {};
    const winData = obj(path(data, 'win.eventdata')) ?? {};
    return {
      kind: 'alert',
      fields: {
        product: 'wazuh',
        ruleId,
        title: str(rule.description) ?? `Wazuh rule ${ruleId}`,
        severity: wazuhLevelSeverity(level),
        rawSeverity: level,
        time,
        host: str(agent.name) ?? str(path(rec, 'manager.name')),
        srcIp: str(data.srcip),
        srcPort: int(data.srcport),
        dstIp: str(data.dstip),
        dstPort: int(data.dstport),
        user: str(data.srcuser) ?? str(data.dstuser) ?? str(winData.targetUserName) ?? str(syscheck.uname_after),
        process: str(winData.image) ?? str(path(data, 'audit.exe')),
        fileHash: str(syscheck.sha256_after) ?? str(syscheck.sha1_after) ?? str(syscheck.md5_after),
        mitre: strArray(path(rule, 'mitre.id')),
        attackHints: wazuhAttack(rule.mitre),
        tags: strArray(rule.groups),
      },
    };
  },
};
