import type { Severity } from '../../../shared/severity.js';
import { anyTime, int, obj, path, str, strArray, typeName } from './fields.js';
import { ocsfAttack } from './attack-hints.js';
import { reject, type Parser } from './types.js';

/** OCSF severity_id: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal, 99 Other. */
const SEVERITY_ID: Record<number, Severity> = { 0: 'info', 1: 'info', 2: 'low', 3: 'medium', 4: 'high', 5: 'critical', 6: 'critical' };
const SEVERITY_WORD: Record<string, Severity> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical', fatal: 'critical' };

function firstHash(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  // algorithm_id 3 is SHA-256; fall back to whatever hash comes first.
  const sha256 = v.find((h) => (h as { algorithm_id?: unknown } | null)?.algorithm_id === 3);
  return str((sha256 ?? (v[0] as { value?: unknown } | undefined))?.value);
}

/** OCSF findings (Detection Finding 2004, Security Finding 2001, ...) and other alertable OCSF events. */
export const ocsfParser: Parser = {
  format: 'ocsf',
  detect: (rec) => 'class_uid' in rec && 'severity_id' in rec && ('metadata' in rec || 'finding_info' in rec),
  parse(rec) {
    const sevId = int(rec.severity_id);
    if (sevId === undefined || (!(sevId in SEVERITY_ID) && sevId !== 99)) return reject(`ocsf: severity_id must be 0-6 or 99, got ${typeName(rec.severity_id)}`);
    const severity = SEVERITY_ID[sevId] ?? SEVERITY_WORD[str(rec.severity)?.toLowerCase() ?? ''] ?? 'medium';
    const time = anyTime(rec.time) ?? anyTime(rec.time_dt);
    if (!time) return reject(`ocsf: time must be epoch milliseconds or an RFC 3339 time, got ${typeName(rec.time)}`);
    const finding = obj(rec.finding_info) ?? obj(rec.finding) ?? {};
    const ruleId = str(path(finding, 'analytic.uid')) ?? str(path(finding, 'analytic.name')) ?? str(finding.title) ?? str(rec.type_name) ?? str(rec.class_uid);
    if (!ruleId) return reject('ocsf: needs finding_info.analytic.uid, finding_info.title or class_uid');
    const attacks = [...(Array.isArray(finding.attacks) ? finding.attacks : []), ...(Array.isArray(rec.attacks) ? rec.attacks : [])];
    const vendor = str(path(rec, 'metadata.product.vendor_name')) ?? str(path(rec, 'metadata.product.name'));
    return {
      kind: 'alert',
      fields: {
        product: 'ocsf',
        ruleId,
        title: str(finding.title) ?? str(rec.message)?.slice(0, 300) ?? ruleId,
        severity,
        rawSeverity: sevId,
        time,
        host: str(path(rec, 'device.hostname')) ?? str(path(rec, 'device.name')) ?? (Array.isArray(rec.resources) ? str(obj(rec.resources[0])?.name) : undefined),
        srcIp: str(path(rec, 'src_endpoint.ip')),
        srcPort: int(path(rec, 'src_endpoint.port')),
        dstIp: str(path(rec, 'dst_endpoint.ip')),
        dstPort: int(path(rec, 'dst_endpoint.port')),
        user: str(path(rec, 'actor.user.name')) ?? str(path(rec, 'user.name')),
        process: str(path(rec, 'process.cmd_line')) ?? str(path(rec, 'process.name')),
        fileHash: firstHash(path(rec, 'file.hashes')),
        mitre: attacks.flatMap((a) => strArray(path(obj(a) ?? {}, 'technique.uid'))),
        attackHints: ocsfAttack(attacks),
        tags: [str(rec.class_name), vendor ? `vendor:${vendor}` : undefined].filter((t): t is string => t !== undefined),
      },
    };
  },
};
