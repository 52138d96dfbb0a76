import { plantedBuckets } from './cos-fake.js';
import { bjTime } from './cwp-samples.js';
import { ApiFault, pagedList, type Params, type TencentFake } from './tencent-fake.js';

const ago = (days: number) => bjTime(Date.now(), -days * 86_400);

/**
 * An account's inventory shaped as the published responses of CVM DescribeInstances, VPC
 * DescribeSecurityGroups / DescribeSecurityGroupPolicies, TencentDB DescribeDBInstances, CWP
 * DescribeMachines, CLB DescribeLoadBalancers / DescribeListeners and CAM GetUserAppId / ListUsers / DescribeSafeAuthFlagColl / ListAccessKeys /
 * GetSecurityLastUsed, with planted risks: SSH, MySQL and all ports open to 0.0.0.0/0, a database
 * with WAN access, root keys in use, a console user without MFA whose key is stale and old, and
 * a CVM without the CWP agent, and SSH published on an internet-facing load balancer.
 */
export function inventory(region = 'ap-guangzhou') {
  const instances: Params[] = [1, 2, 3].map((n) => ({
    Placement: { Zone: `${region}-3`, ProjectId: 0 },
    InstanceId: `ins-r8hr2up${n}`,
    InstanceType: 'S5.MEDIUM4',
    CPU: 2,
    Memory: 4,
    RestrictState: 'NORMAL',
    InstanceName: `web-0${n}`,
    InstanceChargeType: 'POSTPAID_BY_HOUR',
    SystemDisk: { DiskType: 'CLOUD_PREMIUM', DiskId: `disk-${n}`, DiskSize: 50 },
    DataDisks: [],
    PrivateIpAddresses: [`10.0.0.${10 + n}`],
    PublicIpAddresses: [`127.0.0.${10 + n}`],
    InternetAccessible: { InternetChargeType: 'TRAFFIC_POSTPAID_BY_HOUR', InternetMaxBandwidthOut: 10 },
    VirtualPrivateCloud: { VpcId: 'vpc-2u6xx1ak', SubnetId: 'subnet-mv4sn55k', AsVpcGateway: false },
    ImageId: 'img-487zeit5',
    RenewFlag: null,
    CreatedTime: '2025-03-01T02:00:00Z',
    ExpiredTime: null,
    OsName: 'TencentOS Server 3.1 (TK4)',
    SecurityGroupIds: ['sg-open1234'],
    LoginSettings: { KeyIds: ['skey-1'] },
    InstanceState: 'RUNNING',
    Tags: [{ Key: 'env', Value: 'prod' }],
    StopChargingMode: 'NOT_APPLICABLE',
    Uuid: `6e4a1f7e-1a2b-4c3d-9e8f-00000000000${n}`,
    LatestOperation: null,
    LatestOperationState: null,
    LatestOperationRequestId: null,
    DisasterRecoverGroupId: '',
    IPv6Addresses: null,
    CamRoleName: '',
    HpcClusterId: '',
    RdmaIpAddresses: null,
    IsolatedSource: 'NOTISOLATED',
  }));
  const groups: Params[] = [
    {
      SecurityGroupId: 'sg-open1234',
      SecurityGroupName: 'web-open',
      SecurityGroupDesc: 'legacy',
      ProjectId: '0',
      IsDefault: false,
      CreatedTime: '2025-03-01 10:00:00',
      TagSet: [],
      UpdateTime: '2025-03-01 10:00:00',
    },
    {
      SecurityGroupId: 'sg-tight567',
      SecurityGroupName: 'db-private',
      SecurityGroupDesc: '',
      ProjectId: '0',
      IsDefault: false,
      CreatedTime: '2025-03-01 10:00:00',
      TagSet: [],
      UpdateTime: '2025-03-01 10:00:00',
    },
  ];
  const rule = (i: number, Protocol: string, Port: string, CidrBlock: string, Action = 'ACCEPT') => ({
    PolicyIndex: i,
    Protocol,
    Port,
    ServiceTemplate: { ServiceId: '', ServiceGroupId: '' },
    CidrBlock,
    Ipv6CidrBlock: '',
    SecurityGroupId: '',
    AddressTemplate: { AddressId: '', AddressGroupId: '' },
    Action,
    PolicyDescription: '',
    ModifyTime: '2025-03-01 10:00:00',
  });
  const policies: Record<string, Params> = {
    'sg-open1234': {
      SecurityGroupPolicySet: {
        Version: '3',
        Ingress: [rule(0, 'TCP', '22', '0.0.0.0/0'), rule(1, 'TCP', '80,443', '0.0.0.0/0'), rule(2, 'TCP', '3306', '0.0.0.0/0'), rule(3, 'ALL', 'ALL', '0.0.0.0/0')],
        Egress: [rule(0, 'ALL', 'ALL', '0.0.0.0/0')],
      },
    },
    'sg-tight567': { SecurityGroupPolicySet: { Version: '1', Ingress: [rule(0, 'TCP', '3306', '10.0.0.0/16'), rule(1, 'ALL', 'ALL', '0.0.0.0/0', 'DROP')], Egress: [] } },
  };
  const dbs: Params[] = [
    {
      WanStatus: 1,
      Zone: `${region}-3`,
      InitFlag: 1,
      RoVipInfo: null,
      Memory: 4000,
      Status: 1,
      VpcId: 1,
      SlaveInfo: null,
      InstanceId: 'cdb-pub4wan1',
      Volume: 200,
      AutoRenew: 0,
      ProtectMode: 0,
      RoGroups: null,
      SubnetId: 2,
      InstanceType: 1,
      ProjectId: 0,
      Region: region,
      DeadlineTime: '0000-00-00 00:00:00',
      DeployMode: 0,
      TaskStatus: 0,
      MasterInfo: null,
      DeviceType: 'UNIVERSAL',
      EngineVersion: '8.0',
      InstanceName: 'orders',
      DrInfo: null,
      WanDomain: `cdb-pub4wan1.${region}.tencentcdb.com`,
      WanPort: 24561,
      PayType: 1,
      CreateTime: '2025-03-01 10:00:00',
      Vip: '10.0.1.5',
      Vport: 3306,
      CdbError: 0,
      UniqVpcId: 'vpc-2u6xx1ak',
      UniqSubnetId: 'subnet-mv4sn55k',
      PhysicalId: '',
      Cpu: 2,
      Qps: 2000,
      ZoneName: '广州三区',
      DeviceClass: '',
      DeployGroupId: '',
      ZoneId: 100003,
      InstanceNodes: 2,
      TagList: [],
      EngineType: 'InnoDB',
      MaxDelayTime: 0,
      DiskType: 'CLOUD_SSD',
      ExpandCpu: 0,
    },
    {
      WanStatus: 0,
      Zone: `${region}-3`,
      InitFlag: 1,
      Memory: 4000,
      Status: 1,
      InstanceId: 'cdb-private2',
      Volume: 200,
      Region: region,
      EngineVersion: '5.7',
      InstanceName: 'crm',
      WanDomain: '',
      WanPort: 0,
      Vip: '10.0.1.6',
      Vport: 3306,
      TagList: [],
    },
  ];
  const machines: Params[] = [1, 3].map((n) => ({
    MachineName: `web-0${n}`,
    MachineOs: 'TencentOS Server 3.1',
    MachineStatus: 'ONLINE',
    AgentStatus: 'ONLINE',
    InstanceStatus: 'RUNNING',
    Uuid: `2b1ea3ae-0d6f-4d3e-8bd9-ba1a6d3b7f0${n}`,
    Quuid: `6e4a1f7e-1a2b-4c3d-9e8f-00000000000${n}`,
    VulNum: 1,
    MachineIp: `10.0.0.${10 + n}`,
    IsProVersion: true,
    MachineWanIp: `127.0.0.${10 + n}`,
    PayMode: 'POSTPAY',
    MalwareNum: 0,
    Tag: [],
    BaselineNum: 0,
    CyberAttackNum: 0,
    SecurityStatus: 'OK',
    InvasionNum: 0,
    RegionInfo: { Region: region, RegionName: '华南地区(广州)', RegionId: 1, RegionCode: 'gz', RegionNameEn: 'South China(Guangzhou)' },
    InstanceState: 'RUNNING',
    LicenseStatus: 1,
    ProjectId: 0,
    HasAssetScan: 1,
    MachineType: 'CVM',
    KernelVersion: '5.4.119',
    ProtectType: 'PRO_VERSION',
    CloudTags: [],
    IsAddedOnTheFifteen: 0,
    IpList: `10.0.0.${10 + n}`,
    VpcId: 'vpc-2u6xx1ak',
    MachineExtraInfo: { WanIP: `127.0.0.${10 + n}`, PrivateIP: `10.0.0.${10 + n}`, NetworkType: 1, NetworkName: 'vpc-2u6xx1ak', InstanceID: `ins-r8hr2up${n}`, HostName: `web-0${n}` },
    InstanceId: `ins-r8hr2up${n}`,
    Remark: '',
    AgentVersion: '4.7.8',
    AppId: 1250000000,
    CSIPProtectType: '',
  }));
  const users: Params[] = [
    { Uin: 100000000011, Name: 'dev', Uid: 11, Remark: '', ConsoleLogin: 1, PhoneNum: '', CountryCode: '', Email: '', CreateTime: '2024-01-01 10:00:00', NickName: 'dev' },
    { Uin: 100000000012, Name: 'ci-bot', Uid: 12, Remark: 'API only', ConsoleLogin: 0, PhoneNum: '', CountryCode: '', Email: '', CreateTime: '2024-01-01 10:00:00', NickName: 'ci-bot' },
  ];
  const keys: Record<string, { AccessKeyId: string; Status: string; CreateTime: string; lastUsed?: string }[]> = {
    '100000000001': [{ AccessKeyId: 'AKIDrootKEYz8krbsJ5yKBZQpn74WFk0001', Status: 'Active', CreateTime: ago(30), lastUsed: ago(1).slice(0, 10) }],
    '100000000011': [{ AccessKeyId: 'AKIDdevKEYz8krbsJ5yKBZQpn74WFkm0011', Status: 'Active', CreateTime: ago(400), lastUsed: ago(200).slice(0, 10) }],
    '100000000012': [{ AccessKeyId: 'AKIDciKEYz8krbsJ5yKBZQpn74WFkmL0012', Status: 'Active', CreateTime: ago(20), lastUsed: ago(0).slice(0, 10) }],
  };
  const lb = (id: string, name: string, type: string, vip: string) => ({
    LoadBalancerId: id,
    LoadBalancerName: name,
    LoadBalancerType: type,
    Forward: 1,
    Domain: '',
    LoadBalancerVips: [vip],
    Status: 1,
    CreateTime: '2025-03-01 10:00:00',
    StatusTime: '2025-03-01 10:00:00',
    ProjectId: 0,
    VpcId: 'vpc-2u6xx1ak',
    OpenBgp: 0,
    Snat: false,
    Isolation: 0,
    Log: '',
    SubnetId: 'subnet-mv4sn55k',
    Tags: [],
    SecureGroups: [],
    TargetRegionInfo: { Region: region, VpcId: 'vpc-2u6xx1ak' },
    AnycastZone: '',
    AddressIPVersion: 'ipv4',
    NumericalVpcId: 1,
    VipIsp: 'BGP',
    MasterZone: null,
    BackupZoneSet: null,
    IsolatedTime: null,
    ExpireTime: null,
    ChargeType: 'POSTPAID_BY_HOUR',
    NetworkAttributes: { InternetChargeType: 'TRAFFIC_POSTPAID_BY_HOUR', InternetMaxBandwidthOut: 10 },
  });
  const listener = (id: string, Protocol: string, Port: number) => ({
    ListenerId: id,
    Protocol,
    Port,
    Certificate: null,
    HealthCheck: null,
    Scheduler: 'WRR',
    SessionExpireTime: 0,
    SniSwitch: 0,
    Rules: null,
    ListenerName: `${Protocol}-${Port}`,
    CreateTime: '2025-03-01 10:00:00',
    EndPort: 0,
    TargetType: 'NODE',
    TargetGroup: null,
    SessionType: 'NORMAL',
    KeepaliveEnable: 0,
    Toa: false,
    DeregisterTargetRst: false,
    AttrFlags: [],
  });
  const lbs: Params[] = [lb('lb-pub0ssh1', 'web-entry', 'OPEN', '127.0.0.30'), lb('lb-int0db22', 'db-proxy', 'INTERNAL', '10.0.2.5')];
  const listeners: Record<string, Params[]> = {
    'lb-pub0ssh1': [listener('lbl-https443', 'HTTPS', 443), listener('lbl-ssh00022', 'TCP', 22)],
    'lb-int0db22': [listener('lbl-mysql3306', 'TCP', 3306)],
  };
  return { instances, groups, policies, dbs, machines, users, keys, lbs, listeners, region };
}

export type Inventory = ReturnType<typeof inventory>;

export function serveInventory(fake: TencentFake, inv: Inventory = inventory()): Inventory {
  fake.cos.buckets.push(...plantedBuckets(inv.region));
  fake.on('cvm', 'DescribeRegions', () => ({
    TotalCount: 2,
    RegionSet: [
      { Region: inv.region, RegionName: '华南地区(广州)', RegionState: 'AVAILABLE' },
      { Region: 'ap-shanghai', RegionName: '华东地区(上海)', RegionState: 'UNAVAILABLE' },
    ],
  }));
  fake.on(
    'cvm',
    'DescribeInstances',
    pagedList(() => inv.instances, 'InstanceSet'),
  );
  fake.on('vpc', 'DescribeSecurityGroups', (p, call) => pagedList(() => inv.groups, 'SecurityGroupSet')({ ...p, Offset: Number(p.Offset ?? 0), Limit: Number(p.Limit ?? 20) }, call));
  fake.on('vpc', 'DescribeSecurityGroupPolicies', (p) => {
    const set = inv.policies[String(p.SecurityGroupId)];
    if (!set) throw new ApiFault('ResourceNotFound', `The security group ${String(p.SecurityGroupId)} does not exist.`);
    return set;
  });
  fake.on(
    'cdb',
    'DescribeDBInstances',
    pagedList(() => inv.dbs, 'Items', 2000),
  );
  fake.on(
    'clb',
    'DescribeLoadBalancers',
    pagedList(() => inv.lbs, 'LoadBalancerSet'),
  );
  fake.on('clb', 'DescribeListeners', (p) => {
    const list = inv.listeners[String(p.LoadBalancerId)];
    if (!list) throw new ApiFault('InvalidParameter.LBIdNotFound', `LoadBalancer ${String(p.LoadBalancerId)} not found.`);
    return { Listeners: list, TotalCount: list.length };
  });
  fake.on(
    'cwp',
    'DescribeMachines',
    pagedList(() => inv.machines, 'Machines'),
  );
  fake.on('cam', 'GetUserAppId', (_p, call) => ({ Uin: fake.uinOf(call.secretId), OwnerUin: '100000000001', AppId: 1250000000 }));
  fake.on('cam', 'ListUsers', () => ({ Data: inv.users }));
  fake.on('cam', 'DescribeSafeAuthFlagColl', (p) => ({
    LoginFlag: { Phone: 0, Token: 0, Stoken: String(p.SubUin) === '100000000001' ? 1 : 0, Wechat: 0, Custom: 0, Mail: 0, Passkey: 0 },
    ActionFlag: { Phone: 0, Token: 0, Stoken: 0, Wechat: 0, Custom: 0, Mail: 0 },
    OffsiteFlag: { VerifyFlag: 0, NotifyPhone: 0, NotifyEmail: 0, NotifyWechat: 0, Tips: 0 },
    PromptTrust: 0,
  }));
  fake.on('cam', 'ListAccessKeys', (p) => ({ AccessKeys: (inv.keys[String(p.TargetUin)] ?? []).map(({ lastUsed: _l, ...k }) => ({ ...k, Description: '' })) }));
  fake.on('cam', 'GetSecurityLastUsed', (p) => ({
    SecretIdLastUsedRows: (p.SecretIdList as string[]).map((id) => {
      const k = Object.values(inv.keys)
        .flat()
        .find((x) => x.AccessKeyId === id);
      return { SecretId: id, LastUsedDate: k?.lastUsed ?? '', LastSecretUsedDate: k?.lastUsed ? Math.floor(Date.parse(`${k.lastUsed}T00:00:00+08:00`) / 1000) : 0 };
    }),
  }));
  return inv;
}
