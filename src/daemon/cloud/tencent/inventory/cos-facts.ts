import type { Fact } from '../../../assess/fact.js';
import type { FactContext } from './to-facts.js';

type Body = Record<string, unknown>;

const READ = new Set(['READ', 'FULL_CONTROL']);
const WRITE = new Set(['WRITE', 'FULL_CONTROL']);
const READ_ACTIONS = /^(\*|name\/cos:(\*|GetObject|HeadObject|GetBucket|GetBucketObjectVersions))$/;
const WRITE_ACTIONS = /^(\*|name\/cos:(\*|PutObject|PostObject|DeleteObject|InitiateMultipartUpload|AppendObject))$/;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** GetBucketACL grants to everyone (the AllUsers group), as the SDK returns them in `Grants`. */
function aclPublic(acl: Body): { read: boolean; write: boolean } {
  const everyone = list(acl.Grants).filter((g) => /\/groups\/global\/AllUsers$/.test(String(((g as Body).Grantee as Body | undefined)?.URI ?? '')));
  const perms = everyone.map((g) => String((g as Body).Permission));
  return { read: perms.some((p) => READ.has(p)), write: perms.some((p) => WRITE.has(p)) };
}

/** Allow statements of the bucket policy whose principal is anyone and that carry no condition. */
function policyPublic(policy: Body): { read: boolean; write: boolean } {
  const open = list(policy.Statement ?? policy.statement).filter((st): st is Body => {
    const s = st as Body;
    const principal = list((s.Principal ?? s.principal) as unknown).flatMap((p) => (typeof p === 'object' && p ? Object.values(p as Body).flatMap(list) : [p]));
    return String(s.Effect ?? s.effect).toLowerCase() === 'allow' && principal.some((p) => p === '*' || p === 'qcs::cam::anyone:anyone') && (s.Condition ?? s.condition) === undefined;
  });
  const actions = open.flatMap((s) => list(s.Action ?? s.action).map(String));
  return { read: actions.some((a) => READ_ACTIONS.test(a)), write: actions.some((a) => WRITE_ACTIONS.test(a)) };
}

/**
 * One COS bucket as a `bucket` fact (the generic CLOUD-003 reads publicRead/publicWrite): public
 * through its ACL or through an anonymous bucket policy. A part that could not be read is left
 * out (`aclRead`/`policyRead` false) rather than counted as private.
 */
export function bucketFact(bucket: { name: string; region: string }, acl: Body | undefined, policy: Body | undefined | null, ctx: FactContext): Fact {
  const a = acl ? aclPublic(acl) : { read: false, write: false };
  const p = policy ? policyPublic(policy) : { read: false, write: false };
  return {
    kind: 'bucket',
    origin: `${ctx.origin}/${bucket.name}`,
    data: {
      vendor: 'tencent',
      ...(ctx.account ? { account: ctx.account } : {}),
      region: bucket.region,
      name: bucket.name,
      acl: acl ? String(acl.ACL ?? 'custom') : 'unknown',
      aclRead: acl !== undefined,
      policyRead: policy !== null,
      hasPolicy: !!policy,
      publicRead: a.read || p.read,
      publicWrite: a.write || p.write,
    },
  };
}
