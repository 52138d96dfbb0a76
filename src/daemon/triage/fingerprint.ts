import { createHash } from 'node:crypto';
import type { AlertFields } from '../sources/parsers/types.js';

/**
 * Repeats of the same detection on the same host against the same key entity collapse into
 * one queue row. The key entity is the most specific thing the alert is about.
 */
export function fingerprintOf(f: AlertFields): string {
  const entity = f.srcIp ?? f.fileHash ?? f.user ?? f.process ?? '';
  return createHash('sha1')
    .update(`${f.customer ?? 'default'}\0${f.product}\0${f.ruleId}\0${f.host ?? ''}\0${entity}`)
    .digest('hex')
    .slice(0, 20);
}
