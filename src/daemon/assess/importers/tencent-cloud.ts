import { basename } from 'node:path';
import { camUserFacts, dbInstanceFacts, instanceFacts, securityGroupPolicyFacts } from '../../cloud/tencent/inventory/to-facts.js';
import type { Fact } from '../fact.js';
import type { Importer } from './types.js';

type Body = Record<string, unknown>;

/** The API body, whether the file holds the whole answer (`{"Response": {...}}`) or its inside. */
function body(c: unknown): Body | undefined {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return undefined;
  const r = (c as Body).Response;
  return typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as Body) : (c as Body);
}

const isDbList = (b: Body) => Array.isArray(b.Items) && (b.Items as Body[]).some((i) => typeof i === 'object' && i !== null && 'WanStatus' in i);
const isUserList = (b: Body) => Array.isArray(b.Data) && (b.Data as Body[]).every((u) => typeof u === 'object' && u !== null && 'Uin' in u && 'ConsoleLogin' in u);

/**
 * Tencent Cloud API responses saved as JSON (for customers who give exports instead of access):
 * DescribeSecurityGroupPolicies (the group id is taken from the file name, e.g.
 * `sg-ohuuioma.json`: the response does not carry it), CVM DescribeInstances, TencentDB
 * DescribeDBInstances, CAM ListUsers and ListAccessKeys (the user's uin from the file name).
 */
export const tencentCloud: Importer = {
  name: 'tencent-cloud',
  detect: (c) => {
    const b = body(c);
    return !!b && ('SecurityGroupPolicySet' in b || Array.isArray(b.InstanceSet) || isDbList(b) || Array.isArray(b.AccessKeys) || isUserList(b));
  },
  import(content, _text, file) {
    const b = body(content)!;
    const ctx = { origin: file };
    const name = basename(file);
    if ('SecurityGroupPolicySet' in b) {
      const id = /sg-[a-z0-9]+/.exec(name)?.[0];
      if (!id) throw new Error(`${file}: a DescribeSecurityGroupPolicies response does not name its group; put the group id in the file name (e.g. sg-ohuuioma.json)`);
      return securityGroupPolicyFacts(b, { id }, ctx);
    }
    if (Array.isArray(b.InstanceSet)) return instanceFacts(b, ctx);
    if (isDbList(b)) return dbInstanceFacts(b, ctx);
    if (Array.isArray(b.AccessKeys)) {
      const uin = /\d{6,}/.exec(name)?.[0] ?? 'unknown';
      return camUserFacts({ uin, name: uin, root: false, consoleLogin: false, mfa: undefined }, b, undefined, ctx).filter((f) => f.kind === 'access_key');
    }
    return (b.Data as Body[]).map(
      (u, i): Fact => ({
        kind: 'iam_user',
        origin: `${file}#Data[${i}]`,
        data: { vendor: 'tencent', user: String(u.Name ?? u.Uin), uin: String(u.Uin), root: false, passwordEnabled: u.ConsoleLogin === 1 },
      }),
    );
  },
};
