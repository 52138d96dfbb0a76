import { int, isoTime, obj, path, str, strArray, typeName } from './fields.js';
import { ecsEntities, ecsMitre, ecsSeverity } from './ecs-fields.js';
import { ecsAttack, wazuhAttack } from './attack-hints.js';
import { reject, type Parser } from './types.js';
import { wazuhLevelSeverity } from './wazuh.js';

/**
 * Wazuh 5 alerts: ECS-shaped documents (`@timestamp`, `agent`, `rule`, `event`) with Wazuh's own
 * details under `wazuh.*`. The rule level, when present, wins over ECS event.severity because it
 * is what Wazuh users reason about.
 */
export const wazuh5Parser: Parser = {
  format: 'wazuh5',
  detect: (rec) => '@timestamp' in rec && (obj(rec.wazuh) !== undefined || path(rec, 'wazuh.rule.level') !== undefined || path(rec, 'agent.type') === 'wazuh'),
  parse(rec) {
    const time = isoTime(rec['@timestamp']);
    if (!time) return reject(`wazuh5: @timestamp is not a valid time, got ${typeName(rec['@timestamp'])}`);
    const ruleId = str(path(rec, 'rule.id')) ?? str(path(rec, 'wazuh.rule.id'));
    if (!ruleId) return reject('wazuh5: needs rule.id or wazuh.rule.id');
    const levelRaw = path(rec, 'wazuh.rule.level') ?? path(rec, 'rule.level');
    const level = int(levelRaw);
    if (levelRaw !== undefined && (level === undefined || level < 0 || level > 15)) return reject(`wazuh5: rule level must be an integer 0-15, got ${typeName(levelRaw)}`);
    const score = int(path(rec, 'event.severity'));
    const severity = level !== undefined ? wazuhLevelSeverity(level) : (ecsSeverity(undefined, score) ?? 'medium');
    return {
      kind: 'alert',
      fields: {
        product: 'wazuh',
        ruleId,
        title: str(path(rec, 'rule.description')) ?? str(path(rec, 'rule.name')) ?? str(path(rec, 'message'))?.slice(0, 300) ?? `Wazuh rule ${ruleId}`,
        severity,
        rawSeverity: level ?? score,
        time,
        ...ecsEntities(rec),
        mitre: [...ecsMitre(rec), ...strArray(path(rec, 'wazuh.rule.mitre.id'))],
        attackHints: [...ecsAttack(rec), ...wazuhAttack(path(rec, 'wazuh.rule.mitre'))],
        tags: strArray(path(rec, 'wazuh.rule.groups') ?? path(rec, 'rule.groups') ?? path(rec, 'tags')),
      },
    };
  },
};
