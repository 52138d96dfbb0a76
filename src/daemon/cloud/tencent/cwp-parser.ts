import { int, isoTime, obj, str, strArray } from '../../sources/parsers/fields.js';
import { reject, type AlertFields, type Parser } from '../../sources/parsers/types.js';
import { CWP_EVENT_TYPES, CWP_HANDLED, CWP_STATUS_FIELD, cwpEventType, cwpSeverity, type CwpEventType } from './cwp-events.js';

/** CWP times are Beijing time without an offset (`2026-12-01 10:02:03`). */
export function cwpTime(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/.test(s) ? isoTime(`${s}+08:00`) : isoTime(s);
}

/** The machine an event is about: its name, address and CVM instance id. */
function machine(r: Record<string, unknown>): { host?: string; ip?: string; instance?: string } {
  const extra = obj(r.MachineExtraInfo) ?? {};
  return {
    host: str(r.MachineName) ?? str(r.Alias) ?? str(extra.HostName) ?? str(r.HostName),
    ip: str(r.MachineIp) ?? str(r.HostIp) ?? str(r.Hostip) ?? str(extra.PrivateIP),
    instance: str(r.InstanceId) ?? str(extra.InstanceID),
  };
}

function specifics(type: CwpEventType, r: Record<string, unknown>, ip: string | undefined): Pick<AlertFields, 'title' | 'ruleId'> & Partial<AlertFields> {
  switch (type) {
    case 'malware':
      return { ruleId: `malware:${str(r.VirusName) ?? '?'}`, title: `Malware ${str(r.VirusName) ?? ''} at ${str(r.FilePath) ?? '?'}`, fileHash: str(r.MD5), process: str(r.FilePath) };
    case 'brute':
      return {
        ruleId: `brute:${str(r.Protocol) ?? str(r.Port) ?? '?'}`,
        title: `Password cracking of ${str(r.UserName) ?? '?'} (${str(r.Protocol) ?? 'port ' + (str(r.Port) ?? '?')}) x${int(r.Count) ?? 1}: ${str(r.AttackStatusDesc) ?? str(r.Status) ?? ''}`.trim(),
        srcIp: str(r.SrcIp),
        dstIp: ip,
        dstPort: int(r.Port),
        user: str(r.UserName),
      };
    case 'login':
      return {
        ruleId: `login:${str(r.Desc) ?? 'abnormal'}`,
        title: `Abnormal login of ${str(r.UserName) ?? '?'} from ${str(r.SrcIp) ?? '?'} (${str(r.Location) ?? 'unknown location'})`,
        srcIp: str(r.SrcIp),
        dstIp: ip,
        dstPort: int(r.Port),
        user: str(r.UserName),
      };
    case 'bash':
      return {
        ruleId: `bash:${str(r.RuleId) ?? str(r.RuleName) ?? '?'}`,
        title: `High-risk command (${str(r.RuleName) ?? '?'}): ${(str(r.BashCmd) ?? '').slice(0, 200)}`,
        user: str(r.User),
        process: str(r.BashCmd),
        srcIp: ip,
      };
    case 'privilege':
      return {
        ruleId: `privilege:${str(r.ProcessName) ?? '?'}`,
        title: `Privilege escalation by ${str(r.ProcessName) ?? '?'} (${str(r.UserName) ?? '?'})`,
        user: str(r.UserName),
        process: str(r.CmdLine) ?? str(r.FullPath),
        srcIp: ip,
      };
    case 'reverse-shell':
      return {
        ruleId: `reverse-shell:${str(r.ProcessName) ?? '?'}`,
        title: `Reverse shell from ${str(r.ProcessName) ?? '?'} to ${str(r.DstIp) ?? '?'}:${str(r.DstPort) ?? '?'}`,
        user: str(r.UserName),
        process: str(r.CmdLine),
        srcIp: ip,
        dstIp: str(r.DstIp),
        dstPort: int(r.DstPort),
      };
    case 'risk-dns':
      return {
        ruleId: `risk-dns:${str(r.Url) ?? '?'}`,
        title: `Malicious request to ${str(r.Url) ?? '?'} by ${str(r.ProcessName) ?? '?'}`,
        process: str(r.CmdLine) ?? str(r.ProcessName),
        fileHash: str(r.ProcessMd5),
        srcIp: ip,
      };
    case 'vul': {
      const name = str(r.Name) ?? '?';
      const cve = str(r.CveId);
      return { ruleId: `vul:${cve ?? str(r.VulId) ?? '?'}`, title: `Vulnerability ${name}${cve && !name.includes(cve) ? ` (${cve})` : ''} on ${int(r.HostCount) ?? '?'} host(s)` };
    }
  }
}

/**
 * Events of the CWP list APIs (as the poller receives them, and as CWP's JSON log delivery
 * writes them), one event object per record.
 */
export const tencentCwpParser: Parser = {
  format: 'tencent-cwp',
  detect: (rec) => cwpEventType(rec) !== undefined,
  parse(rec) {
    const type = cwpEventType(rec);
    if (!type) return reject('tencent-cwp: not a CWP event (no known CWP list API item shape: VirusName, BashCmd, SrcIp+MachineIp, ...)');
    const spec = CWP_EVENT_TYPES[type];
    if (type === 'login' && rec.Status === 1) return { kind: 'skip', reason: 'tencent-cwp: a normal login' };
    const time = cwpTime(rec[spec.time]) ?? cwpTime(rec.CreateTime);
    if (!time) return reject(`tencent-cwp ${type}: ${spec.time} is not a time, got ${JSON.stringify(rec[spec.time])?.slice(0, 40)}`);
    const m = machine(rec);
    const { severity, raw } = cwpSeverity(type, rec);
    const handled = CWP_HANDLED[type][String(rec[CWP_STATUS_FIELD[type]])];
    const tags = ['tencent-cwp', `cwp:${type}`, ...(m.instance ? [`instance:${m.instance}`] : []), ...(m.ip ? [`ip:${m.ip}`] : []), ...strArray(rec.Tags).filter((t) => t.length <= 64)];
    const { title, ruleId, ...rest } = specifics(type, rec, m.ip);
    const fields: AlertFields = {
      product: 'tencent-cwp',
      ruleId,
      title: title.slice(0, 300),
      severity,
      ...(raw !== undefined ? { rawSeverity: raw } : {}),
      time,
      host: m.host ?? m.ip,
      // ATT&CK comes from config/attack/mappings.yaml (tencent-cwp), applied at intake.
      mitre: [],
      tags,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(handled ? { state: 'closed' as const, disposition: handled.disposition, closeReason: `tencent-cwp console: ${handled.reason}` } : {}),
    };
    return { kind: 'alert', fields };
  },
};
