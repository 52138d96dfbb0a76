import type { Fact } from '../fact.js';
import { asArray, asRecord, str, type Importer } from './types.js';

/** `aws ec2 describe-security-groups` output. Protocol `-1` means every protocol and port. */
export const awsSecurityGroups: Importer = {
  name: 'aws-security-groups',
  detect: (c) => typeof c === 'object' && c !== null && Array.isArray((c as Record<string, unknown>).SecurityGroups),
  import(content, _text, file) {
    const facts: Fact[] = [];
    asArray((content as Record<string, unknown>).SecurityGroups, `${file}: SecurityGroups`).forEach((g, gi) => {
      const where = `${file}#SecurityGroups[${gi}]`;
      const group = asRecord(g, where);
      const groupId = str(group.GroupId, `${where}.GroupId`);
      const name = typeof group.GroupName === 'string' ? group.GroupName : groupId;
      for (const [key, direction] of [
        ['IpPermissions', 'ingress'],
        ['IpPermissionsEgress', 'egress'],
      ] as const) {
        asArray(group[key], `${where}.${key}`).forEach((p, pi) => {
          const perm = asRecord(p, `${where}.${key}[${pi}]`);
          const proto = String(perm.IpProtocol ?? '-1');
          const all = proto === '-1';
          const from = all || typeof perm.FromPort !== 'number' || perm.FromPort < 0 ? 0 : perm.FromPort;
          const to = all || typeof perm.ToPort !== 'number' || perm.ToPort < 0 ? 65535 : perm.ToPort;
          const sources = [
            ...asArray(perm.IpRanges, `${where}.${key}[${pi}].IpRanges`).map((r) => asRecord(r, `${where}.IpRanges`).CidrIp),
            ...asArray(perm.Ipv6Ranges, `${where}.${key}[${pi}].Ipv6Ranges`).map((r) => asRecord(r, `${where}.Ipv6Ranges`).CidrIpv6),
            ...asArray(perm.UserIdGroupPairs, `${where}.${key}[${pi}].UserIdGroupPairs`).map((r) => asRecord(r, `${where}.UserIdGroupPairs`).GroupId),
          ];
          for (const source of sources) {
            facts.push({
              kind: 'sg_rule',
              origin: `${where}.${key}[${pi}]`,
              data: { vendor: 'aws', group: groupId, groupName: name, direction, action: 'allow', protocol: all ? 'all' : proto.toLowerCase(), portRange: `${from}-${to}`, source: String(source) },
            });
          }
        });
      }
    });
    return facts;
  },
};
