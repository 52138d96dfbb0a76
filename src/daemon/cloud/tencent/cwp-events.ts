import type { Disposition } from '../../../shared/alert.js';
import type { Severity } from '../../../shared/severity.js';

/**
 * The CWP (主机安全) event list APIs polled, in the order they are polled. `list` is the array's
 * key in the response, `time`/`by`/`order` the documented sort field and direction (ascending, so
 * offset paging stays stable while new events arrive at the end).
 */
export const CWP_EVENT_TYPES = {
  malware: { action: 'DescribeMalWareList', list: 'MalWareList', time: 'CreateTime', by: 'CreateTime', order: 'ASC', title: 'Trojan / malware file' },
  brute: { action: 'DescribeBruteAttackList', list: 'BruteAttackList', time: 'CreateTime', by: 'CreateTime', order: 'asc', title: 'Password cracking' },
  login: { action: 'DescribeHostLoginList', list: 'HostLoginList', time: 'LoginTime', by: 'LoginTime', order: 'asc', title: 'Abnormal login' },
  bash: { action: 'DescribeBashEvents', list: 'List', time: 'CreateTime', by: 'CreateTime', order: 'asc', title: 'High-risk command' },
  privilege: { action: 'DescribePrivilegeEvents', list: 'List', time: 'CreateTime', by: 'CreateTime', order: 'asc', title: 'Local privilege escalation' },
  'reverse-shell': { action: 'DescribeReverseShellEvents', list: 'List', time: 'CreateTime', by: 'CreateTime', order: 'asc', title: 'Reverse shell' },
  'risk-dns': { action: 'DescribeRiskDnsList', list: 'RiskDnsList', time: 'MergeTime', by: 'MergeTime', order: 'asc', title: 'Malicious request' },
  vul: { action: 'DescribeVulList', list: 'VulInfoList', time: 'LastTime', by: 'LastTime', order: 'asc', title: 'Vulnerability found' },
} as const;
export type CwpEventType = keyof typeof CWP_EVENT_TYPES;
export const CWP_EVENT_TYPE_NAMES = Object.keys(CWP_EVENT_TYPES) as CwpEventType[];

/** Structural test per event type: each list API's items have keys no other list has. */
export function cwpEventType(r: Record<string, unknown>): CwpEventType | undefined {
  if ('VirusName' in r && 'FilePath' in r) return 'malware';
  if ('BashCmd' in r && 'RuleName' in r) return 'bash';
  if ('ProcFilePrivilege' in r && 'CmdLine' in r) return 'privilege';
  if ('DstIp' in r && 'DstPort' in r && 'CmdLine' in r) return 'reverse-shell';
  if ('Url' in r && 'AccessCount' in r && 'ProcessMd5' in r) return 'risk-dns';
  if ('VulId' in r && 'Level' in r && 'Name' in r) return 'vul';
  if ('LoginTime' in r && 'SrcIp' in r && 'IsRiskArea' in r) return 'login';
  if ('SrcIp' in r && 'MachineIp' in r && ('BanStatus' in r || 'DataStatus' in r)) return 'brute';
  return undefined;
}

/** What the customer did about an event in the console: the alert arrives closed with it. */
export interface ConsoleOutcome {
  disposition: Disposition;
  reason: string;
}

const HANDLED = (reason: string): ConsoleOutcome => ({ disposition: 'true_positive', reason });
const TRUSTED = (reason: string): ConsoleOutcome => ({ disposition: 'benign_true_positive', reason });
const IGNORED = (reason: string): ConsoleOutcome => ({ disposition: 'false_positive', reason });

/** Status codes per type, as documented for each list API; codes not listed are still open. */
export const CWP_HANDLED: Record<CwpEventType, Record<string, ConsoleOutcome>> = {
  malware: { '5': TRUSTED('trusted'), '6': HANDLED('isolated'), '8': HANDLED('file deleted'), '13': TRUSTED('allow-listed'), '14': HANDLED('handled') },
  brute: { '1': IGNORED('ignored'), '5': HANDLED('handled'), '6': TRUSTED('allow-listed') },
  login: { '5': TRUSTED('allow-listed'), '14': HANDLED('handled'), '15': IGNORED('ignored') },
  bash: { '1': HANDLED('handled'), '2': TRUSTED('allow-listed'), '3': IGNORED('ignored') },
  privilege: { '2': TRUSTED('allow-listed'), '3': HANDLED('handled'), '4': IGNORED('ignored') },
  'reverse-shell': { '2': TRUSTED('allow-listed'), '3': HANDLED('handled'), '4': IGNORED('ignored'), '6': HANDLED('blocked') },
  'risk-dns': { '2': TRUSTED('allow-listed'), '4': HANDLED('handled'), '5': IGNORED('ignored') },
  vul: { '1': IGNORED('ignored'), '3': HANDLED('fixed') },
};

/** The status field each type's disposition is read from. */
export const CWP_STATUS_FIELD: Record<CwpEventType, string> = {
  malware: 'Status',
  brute: 'DataStatus',
  login: 'Status',
  bash: 'Status',
  privilege: 'Status',
  'reverse-shell': 'Status',
  'risk-dns': 'Status',
  vul: 'Status',
};

const LEVEL_1_TO_4: Record<string, Severity> = { '0': 'medium', '1': 'low', '2': 'medium', '3': 'high', '4': 'critical' };

/**
 * Severity per type (README "Tencent Cloud" has this table). Types whose API has no level get
 * the severity of what the event means: a privilege escalation or a malicious domain is high.
 */
export function cwpSeverity(type: CwpEventType, r: Record<string, unknown>): { severity: Severity; raw?: string | number } {
  switch (type) {
    case 'malware':
    case 'vul':
      return { severity: LEVEL_1_TO_4[String(r.Level)] ?? 'medium', raw: r.Level as number };
    case 'brute': {
      const success = r.Status === 'SUCCESS' || r.EventType === 300;
      const level: Severity = ({ '0': 'low', '1': 'medium', '2': 'high' } as Record<string, Severity>)[String(r.RiskLevel)] ?? 'medium';
      return { severity: success ? 'critical' : level, raw: success ? 'SUCCESS' : (r.RiskLevel as number) };
    }
    case 'login':
      return { severity: r.RiskLevel === 0 ? 'high' : 'medium', raw: r.RiskLevel as number };
    case 'bash':
      return { severity: ({ '1': 'high', '2': 'medium', '3': 'low' } as Record<string, Severity>)[String(r.RuleLevel)] ?? 'medium', raw: r.RuleLevel as number };
    case 'reverse-shell':
      return { severity: r.RiskLevel === 0 ? 'high' : 'critical', raw: r.RiskLevel as number };
    case 'privilege':
    case 'risk-dns':
      return { severity: 'high' };
  }
}
