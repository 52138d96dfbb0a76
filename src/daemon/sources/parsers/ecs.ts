import { int, isoTime, path, str, strArray, typeName } from './fields.js';
import { ecsEntities, ecsMitre, ecsSeverity } from './ecs-fields.js';
import { ecsAttack } from './attack-hints.js';
import { reject, type Parser } from './types.js';

/** Elastic ECS documents and Kibana security alerts (flattened `kibana.alert.*` keys and nested ECS both occur). */
export const ecsParser: Parser = {
  format: 'ecs',
  detect: (rec) => '@timestamp' in rec && (path(rec, 'ecs.version') !== undefined || path(rec, 'kibana.alert.rule.name') !== undefined || path(rec, 'event.kind') !== undefined),
  parse(rec) {
    const time = isoTime(rec['@timestamp']);
    if (!time) return reject(`ecs: @timestamp is not a valid time, got ${typeName(rec['@timestamp'])}`);
    const ruleName = str(path(rec, 'kibana.alert.rule.name')) ?? str(path(rec, 'rule.name'));
    const ruleId = str(path(rec, 'kibana.alert.rule.rule_id')) ?? str(path(rec, 'rule.id')) ?? ruleName;
    if (!ruleId) return reject('ecs: needs kibana.alert.rule.rule_id, rule.id or rule.name');
    const word = str(path(rec, 'kibana.alert.severity'));
    const score = int(path(rec, 'kibana.alert.risk_score')) ?? int(path(rec, 'event.severity'));
    return {
      kind: 'alert',
      fields: {
        product: 'ecs',
        ruleId,
        title: str(path(rec, 'kibana.alert.reason'))?.slice(0, 300) ?? ruleName ?? ruleId,
        severity: ecsSeverity(word, score) ?? 'medium',
        rawSeverity: word ?? score,
        time,
        ...ecsEntities(rec),
        mitre: ecsMitre(rec),
        attackHints: ecsAttack(rec),
        tags: [...strArray(path(rec, 'kibana.alert.rule.tags')), ...strArray(path(rec, 'tags'))],
      },
    };
  },
};
