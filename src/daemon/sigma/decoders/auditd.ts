import type { DecodeResult } from './decoder-types.js';

const RECORD = /^(?:node=(\S+) )?type=(\S+) msg=audit\((\d+(?:\.\d+)?):(\d+)\):\s?(.*)$/;
const PAIR = /([\w-]+)=("[^"]*"|'[^']*'|\S*)/g;
const HEX = /^(?:[0-9A-F]{2})+$/;

/**
 * One auditd record (`type=EXECVE msg=audit(...): a0="ls" a1=...`): its key=value pairs as
 * auditd fields. The quoted `msg='...'` of user-space records is flattened into the same map;
 * EXECVE arguments and proctitle that auditd hex-encoded (unquoted) are decoded, as the Sigma
 * auditd rules compare them as text.
 */
export function decodeAuditd(line: string): DecodeResult {
  const r = RECORD.exec(line);
  if (!r) return { error: 'not an auditd record (expected "type=... msg=audit(TIME:SERIAL): key=value ...")' };
  const fields: Record<string, unknown> = { type: r[2], timestamp: r[3], serial: r[4] };
  if (r[1]) fields.node = r[1];
  pairs(r[5]!, fields, r[2] === 'EXECVE');
  return { fields };
}

function pairs(text: string, into: Record<string, unknown>, execve: boolean): void {
  for (const m of text.matchAll(PAIR)) {
    const key = m[1]!;
    const raw = m[2]!;
    if (raw.startsWith("'")) {
      pairs(raw.slice(1, -1), into, execve);
      continue;
    }
    if (raw.startsWith('"')) into[key] = raw.slice(1, -1);
    else if ((key === 'proctitle' || (execve && /^a\d+$/.test(key))) && HEX.test(raw)) into[key] = Buffer.from(raw, 'hex').toString('utf8').replace(/\0/g, ' ');
    else into[key] = raw;
  }
}
