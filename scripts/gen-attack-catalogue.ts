/**
 * Regenerates config/attack/enterprise-attack.json, the compact ATT&CK Enterprise catalogue the
 * daemon loads, from MITRE's official STIX data. Input: either the release bundle
 * (enterprise-attack.json, or enterprise-attack-18.1.json from attack-stix-data) or the
 * enterprise-attack/ folder of the mitre/cti repository (one STIX bundle per object).
 *
 *   node --import tsx scripts/gen-attack-catalogue.ts INPUT [--version 18.1] [--out FILE]
 *
 * Revoked and deprecated objects are left out: a product that still emits a revoked id keeps it
 * on the alert, without a tactic from the catalogue. zh-CN names come from ATTACK_ZH below: only
 * names in common use in Chinese SOC practice, never machine translations of the whole matrix.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LICENCE =
  '© The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation. ATT&CK® is a registered trademark of The MITRE Corporation; licence: https://attack.mitre.org/resources/legal-and-branding/terms-of-use/';

/** Tactic names as Chinese SOC reports write them. */
const TACTIC_ZH: Record<string, string> = {
  reconnaissance: '侦察',
  'resource-development': '资源开发',
  'initial-access': '初始访问',
  execution: '执行',
  persistence: '持久化',
  'privilege-escalation': '权限提升',
  'defense-evasion': '防御规避',
  'credential-access': '凭据访问',
  discovery: '发现',
  'lateral-movement': '横向移动',
  collection: '收集',
  'command-and-control': '命令与控制',
  exfiltration: '数据渗出',
  impact: '影响',
};

/** Technique names that have a settled Chinese rendering; the rest stay English only. */
const TECHNIQUE_ZH: Record<string, string> = {
  T1003: '操作系统凭据转储',
  T1021: '远程服务',
  'T1021.004': 'SSH 远程登录',
  T1046: '网络服务发现',
  T1053: '计划任务/作业',
  'T1053.003': 'Cron 定时任务',
  T1059: '命令与脚本解释器',
  'T1059.004': 'Unix Shell',
  T1071: '应用层协议',
  T1078: '有效账户',
  T1098: '账户操纵',
  T1105: '工具传输',
  T1110: '暴力破解',
  'T1110.001': '密码猜解',
  T1136: '创建账户',
  T1190: '利用面向公众的应用',
  T1486: '加密数据以造成影响',
  T1496: '资源劫持',
  T1498: '网络拒绝服务',
  'T1505.003': 'Web Shell',
  T1543: '创建或修改系统进程',
  T1566: '网络钓鱼',
  T1595: '主动扫描',
};

interface StixObject {
  type: string;
  name?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  x_mitre_shortname?: string;
  x_mitre_version?: string;
  x_mitre_domains?: string[];
  external_references?: { source_name: string; external_id?: string }[];
  kill_chain_phases?: { kill_chain_name: string; phase_name: string }[];
  tactic_refs?: string[];
  id: string;
}

function readObjects(input: string): StixObject[] {
  const bundle = (file: string): StixObject[] => (JSON.parse(readFileSync(file, 'utf8')) as { objects?: StixObject[] }).objects ?? [];
  if (!statSync(input).isDirectory()) return bundle(input);
  const out: StixObject[] = [];
  for (const kind of ['attack-pattern', 'x-mitre-tactic', 'x-mitre-matrix', 'x-mitre-collection']) {
    let files: string[] = [];
    try {
      files = readdirSync(join(input, kind)).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const f of files) out.push(...bundle(join(input, kind, f)));
  }
  return out;
}

const attackId = (o: StixObject): string | undefined => o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
const live = (o: StixObject): boolean => !o.revoked && !o.x_mitre_deprecated && (o.x_mitre_domains ?? ['enterprise-attack']).includes('enterprise-attack');

function main(argv: string[]): void {
  const input = argv[0];
  if (!input) throw new Error('usage: gen-attack-catalogue.ts INPUT [--version V] [--out FILE]');
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const objects = readObjects(input);
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const version = opt('--version') ?? collection?.x_mitre_version;
  if (!version) throw new Error('the input has no x-mitre-collection object: pass --version (the ATT&CK release, e.g. 18.1)');
  const tacticsById = new Map(objects.filter((o) => o.type === 'x-mitre-tactic' && live(o)).map((o) => [o.id, o]));
  const matrix = objects.find((o) => o.type === 'x-mitre-matrix' && live(o));
  // Matrix order is kill-chain order, which reports and heat tables follow.
  const ordered = (matrix?.tactic_refs ?? [...tacticsById.keys()]).flatMap((ref) => tacticsById.get(ref) ?? []);
  const tactics = ordered.map((t) => ({ id: attackId(t)!, short: t.x_mitre_shortname!, name: t.name!, ...(TACTIC_ZH[t.x_mitre_shortname!] ? { zh: TACTIC_ZH[t.x_mitre_shortname!] } : {}) }));
  const order = (short: string): number => tactics.findIndex((t) => t.short === short);
  const techniques = objects
    .filter((o) => o.type === 'attack-pattern' && live(o) && attackId(o))
    .map((o) => {
      const id = attackId(o)!;
      const phases = (o.kill_chain_phases ?? []).filter((p) => p.kill_chain_name === 'mitre-attack').map((p) => p.phase_name).sort((a, b) => order(a) - order(b));
      const zh = TECHNIQUE_ZH[id];
      return zh ? [id, o.name!, phases, zh] : [id, o.name!, phases];
    })
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const out = opt('--out') ?? 'config/attack/enterprise-attack.json';
  const body = { domain: 'enterprise-attack', version, licence: LICENCE, tactics, techniques };
  // One technique per line: diffs between ATT&CK releases stay readable.
  const text = JSON.stringify(body, null, 1).replace(/\[\n\s+("T[\d.]+"),\n\s+(".*?"),\n\s+\[([^\]]*)\](,\n\s+(".*?"))?\n\s+\]/gs, (_m, id: string, name: string, ph: string, _z, zh?: string) => `[${id}, ${name}, [${ph.replace(/\s+/g, '')}]${zh ? `, ${zh}` : ''}]`);
  writeFileSync(out, text + '\n');
  process.stdout.write(`${out}: ATT&CK ${version}, ${tactics.length} tactics, ${techniques.length} techniques\n`);
}

main(process.argv.slice(2));
