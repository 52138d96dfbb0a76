import { z } from 'zod';
import type { Severity } from './severity.js';

/**
 * The incident taxonomy (应急响应事件分类). Every subtype has exactly one shipped playbook at
 * `playbooks/<category>/<subtype>.md`; the playbook's front matter `type` is the subtype id.
 * `mitre` and `keywords` let an alert suggest a subtype when it is escalated.
 */
export const INCIDENT_TAXONOMY = {
  'host-intrusion': {
    zh: '主机入侵',
    en: 'Host intrusion',
    subtypes: {
      ransomware: { zh: '勒索软件', en: 'Ransomware', severity: 'critical', mitre: ['T1486', 'T1490'], keywords: ['ransom', 'encrypt', '勒索'] },
      worm: { zh: '蠕虫', en: 'Worm', severity: 'high', mitre: ['T1210', 'T1570'], keywords: ['worm', 'wannacry', 'eternalblue', '蠕虫'] },
      'remote-access-trojan': { zh: '远控木马', en: 'Remote-access trojan', severity: 'high', mitre: ['T1219', 'T1071'], keywords: ['rat', 'reverse shell', 'cobalt', 'backdoor', '远控', '木马'] },
      botnet: { zh: '僵尸网络', en: 'Botnet', severity: 'high', mitre: ['T1583.005', 'T1496'], keywords: ['botnet', 'mirai', 'miner', 'coin', 'xmrig', '挖矿', '僵尸'] },
      'other-malware': { zh: '其他恶意程序', en: 'Other malware', severity: 'medium', mitre: ['T1204', 'T1059'], keywords: ['malware', 'virus', 'trojan', '病毒'] },
    },
  },
  'network-attack': {
    zh: '网络攻击',
    en: 'Network attack',
    subtypes: {
      ddos: { zh: '拒绝服务攻击', en: 'DDoS', severity: 'high', mitre: ['T1498', 'T1499'], keywords: ['ddos', 'flood', 'dos', '拒绝服务'] },
      'service-unavailable': {
        zh: '异常流量致服务不可用',
        en: 'Abnormal traffic making a service unavailable',
        severity: 'high',
        mitre: ['T1499.002', 'T1499.003'],
        keywords: ['unavailable', 'timeout', 'saturation', '异常流量'],
      },
      exploitation: { zh: '漏洞利用', en: 'Vulnerability exploitation', severity: 'high', mitre: ['T1190', 'T1203'], keywords: ['exploit', 'cve-', 'rce', 'injection', 'log4j', '漏洞'] },
      'malicious-scanning': { zh: '恶意扫描', en: 'Malicious scanning', severity: 'low', mitre: ['T1595', 'T1046'], keywords: ['scan', 'nmap', 'masscan', 'probe', '扫描'] },
      'phishing-site': { zh: '网络钓鱼', en: 'Phishing site', severity: 'medium', mitre: ['T1566', 'T1583.001'], keywords: ['phish', '钓鱼'] },
      'web-trojan': { zh: '网页木马 / 挂马', en: 'Web trojan / drive-by implant', severity: 'high', mitre: ['T1189', 'T1505.003'], keywords: ['webshell', 'drive-by', 'iframe', '挂马', '网页木马'] },
    },
  },
  'information-destruction': {
    zh: '信息破坏',
    en: 'Information destruction',
    subtypes: {
      tampering: { zh: '信息篡改', en: 'Tampering', severity: 'high', mitre: ['T1565', 'T1491.002'], keywords: ['tamper', 'defacement', 'deface', '篡改'] },
      forgery: { zh: '信息假冒', en: 'Forgery / impersonation', severity: 'medium', mitre: ['T1656', 'T1036'], keywords: ['impersonat', 'forg', 'spoof', '假冒', '仿冒'] },
      theft: { zh: '信息窃取', en: 'Theft', severity: 'high', mitre: ['T1005', 'T1041'], keywords: ['exfil', 'steal', 'theft', '窃取'] },
      loss: { zh: '信息丢失', en: 'Loss', severity: 'medium', mitre: ['T1485', 'T1070.004'], keywords: ['deleted', 'wipe', 'loss', '丢失'] },
    },
  },
  'data-leak': {
    zh: '数据泄露',
    en: 'Data leak',
    subtypes: {
      'database-leak': { zh: '数据库泄露', en: 'Database leak', severity: 'critical', mitre: ['T1213', 'T1530'], keywords: ['database', 'dump', 'sql', '拖库', '数据库'] },
      'credential-leak': {
        zh: '凭据泄露',
        en: 'Credential leak',
        severity: 'high',
        mitre: ['T1552.001', 'T1078'],
        keywords: ['credential', 'access key', 'secret', 'password', 'token', '凭据', '密钥'],
      },
      'source-code-leak': { zh: '源代码泄露', en: 'Source-code leak', severity: 'high', mitre: ['T1213.003', 'T1567.001'], keywords: ['source code', 'repository', 'git leak', '源代码', '源码'] },
    },
  },
} as const satisfies Record<string, { zh: string; en: string; subtypes: Record<string, { zh: string; en: string; severity: Severity; mitre: readonly string[]; keywords: readonly string[] }> }>;

export type IncidentCategory = keyof typeof INCIDENT_TAXONOMY;
type SubtypesOf<C extends IncidentCategory> = keyof (typeof INCIDENT_TAXONOMY)[C]['subtypes'];
export type IncidentType = { [C in IncidentCategory]: SubtypesOf<C> }[IncidentCategory] & string;

export interface IncidentTypeInfo {
  type: IncidentType;
  category: IncidentCategory;
  zh: string;
  en: string;
  severity: Severity;
  mitre: readonly string[];
  keywords: readonly string[];
}

/** Every subtype, flattened, in taxonomy order. */
export const INCIDENT_TYPES: readonly IncidentTypeInfo[] = Object.entries(INCIDENT_TAXONOMY).flatMap(([category, c]) =>
  Object.entries(c.subtypes).map(([type, s]) => ({ type: type as IncidentType, category: category as IncidentCategory, ...s })),
);

export const INCIDENT_TYPE_IDS = INCIDENT_TYPES.map((t) => t.type) as [IncidentType, ...IncidentType[]];
export const IncidentTypeSchema = z.enum(INCIDENT_TYPE_IDS);

export function isIncidentType(s: string): s is IncidentType {
  return INCIDENT_TYPES.some((t) => t.type === s);
}

export function incidentTypeInfo(type: IncidentType): IncidentTypeInfo {
  const info = INCIDENT_TYPES.find((t) => t.type === type);
  if (!info) throw new Error(`unknown incident type ${type}`);
  return info;
}

/** Where the playbook of a subtype lives, relative to the playbooks folder. */
export function playbookPath(type: IncidentType): string {
  return `${incidentTypeInfo(type).category}/${type}.md`;
}

/**
 * Suggests a subtype for an escalated alert: an exact MITRE technique match wins, then a
 * keyword in the title/rule/tags; `other-malware` when nothing matches, since most host alerts
 * that reach escalation are malware-shaped.
 */
export function suggestIncidentType(signals: { title?: string; ruleId?: string; tags?: readonly string[]; mitre?: readonly string[] }): IncidentType {
  const techniques = new Set((signals.mitre ?? []).map((m) => m.toUpperCase()));
  for (const t of INCIDENT_TYPES) if (t.mitre.some((m) => techniques.has(m))) return t.type;
  const parents = new Set([...techniques].map((m) => m.split('.')[0]));
  for (const t of INCIDENT_TYPES) if (t.mitre.some((m) => parents.has(m.split('.')[0]))) return t.type;
  const text = [signals.title, signals.ruleId, ...(signals.tags ?? [])].join(' ').toLowerCase();
  for (const t of INCIDENT_TYPES) if (t.keywords.some((k) => keywordIn(text, k))) return t.type;
  return 'other-malware';
}

/** Latin keywords match at a word start (so `dos` does not hit `windows`); CJK ones anywhere. */
function keywordIn(text: string, keyword: string): boolean {
  if (!/^[\x20-\x7e]+$/.test(keyword)) return text.includes(keyword);
  return new RegExp(`(^|[^a-z0-9])${keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text);
}
