import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../shared/scan.js';
import { SocdeckError } from '../../shared/errors.js';
import { PACKAGE_ROOT } from '../config.js';

export const REMEDIATION_DIR = join(PACKAGE_ROOT, 'config', 'remediation');
export const PLAN_LANGS = ['en', 'zh-CN'] as const;
export type PlanLang = (typeof PLAN_LANGS)[number];

/** The `## <lang>` section of a template, or undefined when the file has none. */
function section(markdown: string, lang: PlanLang): string | undefined {
  const parts = markdown.split(/^## /m);
  const hit = parts.find((p) => p.split('\n')[0]!.trim() === lang);
  return hit?.slice(hit.indexOf('\n') + 1).trim();
}

/** The remediation plan for one finding: its template's steps, headed by what was found where. */
export function remediationPlan(f: Finding, lang: PlanLang, dir = REMEDIATION_DIR): string {
  if (!/^[a-z0-9-]+$/.test(f.remediationId)) throw new SocdeckError('invalid_params', `finding ${f.id}: bad remediation id ${f.remediationId}`);
  const file = join(dir, `${f.remediationId}.md`);
  if (!existsSync(file)) throw new SocdeckError('not_found', `no remediation template ${file} for finding ${f.id}`);
  const steps = section(readFileSync(file, 'utf8'), lang);
  if (!steps) throw new SocdeckError('not_found', `${file} has no "## ${lang}" section`);
  const where = f.url ?? `${f.host}${f.port !== undefined ? `:${f.port}` : ''}`;
  const head =
    lang === 'zh-CN'
      ? [`# 整改方案：${f.title}`, '', `- 资产：${f.asset}（${where}）`, `- 严重级别：${f.severity}`, `- 证据：${f.evidence}`, `- 发现编号：${f.id}`]
      : [`# Remediation plan: ${f.title}`, '', `- Asset: ${f.asset} (${where})`, `- Severity: ${f.severity}`, `- Evidence: ${f.evidence}`, `- Finding: ${f.id}`];
  return `${head.join('\n')}\n\n${steps.replaceAll('<id>', f.id)}\n`;
}
