import { decodeAuditd } from './auditd.js';
import type { Decoder } from './decoder-types.js';
import { decodeSyslogAuth } from './syslog-auth.js';
import { decodeWebAccess } from './web-access.js';
import { decodeNxlog, decodeWinlogbeat } from './windows-json.js';

/** Line decoders by the name a log-source mapping file gives in `decoder:`. */
export const DECODERS = {
  'syslog-auth': decodeSyslogAuth,
  auditd: decodeAuditd,
  'web-access': decodeWebAccess,
  winlogbeat: decodeWinlogbeat,
  nxlog: decodeNxlog,
} as const satisfies Record<string, Decoder>;

export type DecoderName = keyof typeof DECODERS;
export const DECODER_NAMES = Object.keys(DECODERS) as DecoderName[];

/** Decoders of JSON events: their webhook bodies may be a JSON array; every other decoder reads text lines. */
export const JSON_DECODERS: ReadonlySet<DecoderName> = new Set<DecoderName>(['winlogbeat', 'nxlog']);
