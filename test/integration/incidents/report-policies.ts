import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_CONFIG_FILE } from '../../../src/daemon/config.js';

/** The shipped report-<class> SLA policies (the deadlines as config data), their steps sent to `notify` when given. */
export function shippedReportPolicies(notify?: string[]): Record<string, unknown>[] {
  const shipped = (parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as { sla: { policies: { name: string; escalation: object[] }[] } }).sla.policies.filter((p) => p.name.startsWith('report-'));
  return notify ? shipped.map((p) => ({ ...p, escalation: p.escalation.map((s) => ({ ...s, notify })) })) : shipped;
}
