import { ecsParser } from './ecs.js';
import { falcoParser } from './falco.js';
import { suricataParser } from './suricata.js';
import type { ParseOutcome, Parser } from './types.js';

/** Most specific first: auto-detection takes the first parser whose detect() accepts. */
export const PARSERS: readonly Parser[] = [suricataParser, falcoParser, ecsParser];

export const FORMATS = ['auto', ...PARSERS.map((p) => p.format)] as const;

export function parseRecord(rec: unknown, format = 'auto'): ParseOutcome & { format?: string } {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return { kind: 'reject', reason: 'record is not a JSON object' };
  const r = rec as Record<string, unknown>;
  const parser = format === 'auto' ? PARSERS.find((p) => p.detect(r)) : PARSERS.find((p) => p.format === format);
  if (!parser) return { kind: 'reject', reason: format === 'auto' ? 'no parser recognises this record' : `unknown format ${format}` };
  return { ...parser.parse(r), format: parser.format };
}
