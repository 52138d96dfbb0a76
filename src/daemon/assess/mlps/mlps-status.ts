import type { CheckResult } from '../check-status.js';
import type { MlpsControl, MlpsData, MlpsLevel } from './mlps-catalogue.js';

export const MLPS_STATUSES = ['failed', 'passed', 'not_assessed'] as const;
export type MlpsStatus = (typeof MLPS_STATUSES)[number];

export interface MlpsItem {
  control: MlpsControl;
  status: MlpsStatus;
  /** Rules whose results decided the status (failing ones for `failed`). */
  rules: string[];
}

export interface MlpsFamily {
  id: string;
  title: { en: string; 'zh-CN': string };
  /** Technical items with their status from our evidence. */
  items: MlpsItem[];
  /** Items that need documents or interviews instead of technical checks. */
  documentary: MlpsControl[];
}

export interface MlpsSummary {
  level: MlpsLevel;
  families: MlpsFamily[];
  counts: Record<MlpsStatus, number>;
}

/**
 * Where the customer stands against the items of their filing level. An item fails when any
 * mapped rule failed, passes when at least one mapped rule passed and none failed, and is not
 * assessed when no mapped rule produced a verdict (no facts, or no rule maps to it).
 */
export function mlpsSummary(data: MlpsData, level: MlpsLevel, checks: readonly CheckResult[]): MlpsSummary {
  const byControl = new Map<string, CheckResult[]>();
  const byId = new Map(checks.map((c) => [c.id, c]));
  for (const [rule, controls] of Object.entries(data.mapping)) {
    const check = byId.get(rule);
    if (!check) continue;
    for (const c of controls) {
      const list = byControl.get(c) ?? [];
      list.push(check);
      byControl.set(c, list);
    }
  }
  const counts: Record<MlpsStatus, number> = { failed: 0, passed: 0, not_assessed: 0 };
  const families = Object.entries(data.families).map(([id, title]): MlpsFamily => {
    const controls = data.controls.filter((c) => c.family === id && c.levels.includes(level));
    const items = controls
      .filter((c) => c.evidence === 'technical')
      .map((control): MlpsItem => {
        const results = byControl.get(control.id) ?? [];
        const failed = results.filter((r) => r.status === 'fail');
        const passed = results.filter((r) => r.status === 'pass');
        const status: MlpsStatus = failed.length > 0 ? 'failed' : passed.length > 0 ? 'passed' : 'not_assessed';
        counts[status]++;
        return { control, status, rules: (failed.length > 0 ? failed : passed).map((r) => r.id) };
      });
    return { id, title, items, documentary: controls.filter((c) => c.evidence === 'document') };
  });
  return { level, families, counts };
}
