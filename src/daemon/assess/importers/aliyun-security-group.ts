import type { Fact } from '../fact.js';
import { asArray, asRecord, str, type Importer } from './types.js';

/** Alibaba Cloud ECS `DescribeSecurityGroupAttribute` output. PortRange `-1/-1` means all ports. */
export const aliyunSecurityGroup: Importer = {
  name: 'aliyun-security-group',
  detect: (c) => typeof c === 'object' && c !== null && 'SecurityGroupId' in c && 'Permissions' in c,
  import(content, _text, file) {
    const group = content as Record<string, unknown>;
    const groupId = str(group.SecurityGroupId, `${file}: SecurityGroupId`);
    const perms = asArray(asRecord(group.Permissions, `${file}: Permissions`).Permission, `${file}: Permissions.Permission`);
    const facts: Fact[] = [];
    perms.forEach((p, i) => {
      const where = `${file}#Permissions.Permission[${i}]`;
      const perm = asRecord(p, where);
      const range = String(perm.PortRange ?? '-1/-1');
      const m = /^(-?\d+)\/(-?\d+)$/.exec(range);
      if (!m) throw new Error(`${where}.PortRange: expected "from/to", got "${range}"`);
      const all = m[1] === '-1';
      const direction = String(perm.Direction ?? 'ingress').toLowerCase();
      const source = direction === 'ingress' ? perm.SourceCidrIp || perm.Ipv6SourceCidrIp || perm.SourceGroupId : perm.DestCidrIp || perm.Ipv6DestCidrIp || perm.DestGroupId;
      facts.push({
        kind: 'sg_rule',
        origin: where,
        data: {
          vendor: 'aliyun',
          group: groupId,
          groupName: typeof group.SecurityGroupName === 'string' ? group.SecurityGroupName : groupId,
          direction,
          action: String(perm.Policy ?? 'Accept').toLowerCase() === 'accept' ? 'allow' : 'deny',
          protocol: String(perm.IpProtocol ?? 'ALL').toLowerCase(),
          portRange: all ? '0-65535' : `${m[1]}-${m[2]}`,
          source: String(source ?? ''),
        },
      });
    });
    return facts;
  },
};
