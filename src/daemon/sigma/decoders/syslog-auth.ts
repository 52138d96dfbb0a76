import type { DecodeResult } from './decoder-types.js';

const HEADER = /^(?:<\d{1,3}>)?(?:1 )?([A-Z][a-z]{2}\s{1,2}\d{1,2} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)\s+(\S+)\s+([^\s:[]+)(?:\[(\d+)\])?:\s?(.*)$/;

/** Field extractors per message shape; the first that matches wins. */
const MESSAGES: readonly [RegExp, (m: RegExpExecArray) => Record<string, string>][] = [
  [/^Accepted (\S+) for (\S+) from (\S+) port (\d+)/, (m) => ({ outcome: 'success', auth_method: m[1]!, user: m[2]!, src_ip: m[3]!, src_port: m[4]! })],
  [
    /^Failed (\S+) for (invalid user )?(\S*) from (\S+) port (\d+)/,
    (m) => ({ outcome: 'failure', auth_method: m[1]!, invalid_user: m[2] ? 'true' : 'false', user: m[3]!, src_ip: m[4]!, src_port: m[5]! }),
  ],
  [/^Invalid user (\S*) from (\S+)(?: port (\d+))?/, (m) => ({ outcome: 'failure', invalid_user: 'true', user: m[1]!, src_ip: m[2]!, ...(m[3] ? { src_port: m[3] } : {}) })],
  [/^\s*(\S+) : (?:.*?; )?TTY=(\S+) ; PWD=(.*?) ; USER=(\S+) ; COMMAND=(.*)$/, (m) => ({ user: m[1]!, TTY: m[2]!, PWD: m[3]!, USER: m[4]!, COMMAND: m[5]! })],
  [
    /^pam_unix\(([^)]+)\): (authentication failure); logname=(\S*) uid=(\d*) euid=(\d*) tty=(\S*) ruser=(\S*) rhost=(\S*)(?:\s+user=(\S+))?/,
    (m) => ({ pam_service: m[1]!, pam_message: m[2]!, pam_ruser: m[7]!, pam_rhost: m[8]!, ...(m[9] ? { pam_user: m[9], user: m[9] } : {}), ...(m[8] ? { src_ip: m[8] } : {}) }),
  ],
];

/**
 * A BSD/RFC 5424-ish syslog line from auth.log / secure: the header (time, host, program, pid)
 * plus what sshd, sudo and pam_unix messages say (user, source address, command).
 */
export function decodeSyslogAuth(line: string): DecodeResult {
  const h = HEADER.exec(line);
  if (!h) return { error: 'not a syslog line (expected "Mon DD HH:MM:SS host program[pid]: message")' };
  const fields: Record<string, unknown> = { timestamp: h[1], host: h[2], program: h[3], message: h[5] };
  if (h[4]) fields.pid = h[4];
  for (const [re, take] of MESSAGES) {
    const m = re.exec(h[5]!);
    if (m) {
      Object.assign(fields, take(m));
      break;
    }
  }
  return { fields };
}
