import { createHash } from 'node:crypto';
import type { AlertFields } from './parsers/types.js';

type KeyFields = Pick<AlertFields, 'customer' | 'product' | 'ruleId' | 'host' | 'srcIp' | 'fileHash' | 'user' | 'process'>;

/**
 * Repeats of the same detection on the same host against the same key entity collapse into
 * one queue row. The key entity is the most specific thing the alert is about. Intake looks
 * rows up by this plain key and hashes it only when a new row is created.
 */
export function dedupKey(f: KeyFields): string {
  const entity = f.srcIp ?? f.fileHash ?? f.user ?? f.process ?? '';
  return `${f.customer ?? 'default'}\0${f.product}\0${f.ruleId}\0${f.host ?? ''}\0${entity}`;
}

export function fingerprintOf(f: KeyFields): string {
  return createHash('sha1').update(dedupKey(f)).digest('hex').slice(0, 20);
}
