import { ecsParser } from './ecs.js';
import { falcoParser } from './falco.js';
import { fastlogParser } from './fastlog.js';
import { obj } from './fields.js';
import { mappingParser, type FieldMapping } from './mapping.js';
import { ocsfParser } from './ocsf.js';
import { suricataParser } from './suricata.js';
import { tencentCwpParser } from '../../cloud/tencent/cwp-parser.js';
import type { ParseOutcome, Parser, TextParser } from './types.js';
import { wazuhParser } from './wazuh.js';
import { wazuh5Parser } from './wazuh5.js';

/** Most specific first: auto-detection takes the first parser whose detect() accepts. */
export const BUILTIN_PARSERS: readonly Parser[] = [wazuhParser, suricataParser, falcoParser, ocsfParser, wazuh5Parser, ecsParser, tencentCwpParser];
const TEXT_PARSERS: readonly TextParser[] = [fastlogParser];

/** The formats `socdeck parse --format` and source configs accept without any mapping. */
export const BUILTIN_FORMATS = ['auto', ...BUILTIN_PARSERS.map((p) => p.format)] as const;

export type Parsed = ParseOutcome & { format?: string };

/**
 * An indexer search hit (`_index`, `_id`, `_source`) wraps the product's own document; what
 * the product wrote is inside `_source`.
 */
function unwrapHit(r: Record<string, unknown>): Record<string, unknown> {
  const src = obj(r._source);
  return src && ('_index' in r || '_id' in r) ? src : r;
}

/** Built-in parsers plus the config-declared field mappings; mappings win auto-detection. */
export class ParserSet {
  private readonly parsers: readonly Parser[];
  private readonly byFormat: ReadonlyMap<string, Parser>;

  constructor(mappings: readonly FieldMapping[] = []) {
    this.parsers = [...mappings.map(mappingParser), ...BUILTIN_PARSERS];
    this.byFormat = new Map(this.parsers.map((p) => [p.format, p]));
  }

  get formats(): string[] {
    return ['auto', ...this.byFormat.keys()];
  }

  has(format: string): boolean {
    return format === 'auto' || this.byFormat.has(format);
  }

  parse(value: unknown, format = 'auto'): Parsed {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { kind: 'reject', reason: `record is not a JSON object (got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value})` };
    const r = unwrapHit(value as Record<string, unknown>);
    const parser = format === 'auto' ? this.parsers.find((p) => p.detect(r)) : this.byFormat.get(format);
    if (!parser) return { kind: 'reject', reason: format === 'auto' ? 'no parser recognises this record (formats: ' + this.formats.slice(1).join(', ') + ')' : `unknown format ${format}` };
    // Each parse returns a fresh outcome: it is labelled in place rather than copied (once per record).
    const out: Parsed = parser.parse(r);
    out.format = parser.format;
    return out;
  }

  /** Plain-text lines (not JSON); undefined when no text format matches. */
  parseText(line: string, format = 'auto'): Parsed | undefined {
    for (const p of TEXT_PARSERS) {
      if (format !== 'auto' && format !== p.format) continue;
      const out = p.parseLine(line);
      if (out) return { ...out, format: p.format };
    }
    return undefined;
  }
}

/** The parser set with no mappings, for callers that have no config. */
export const DEFAULT_PARSERS = new ParserSet();
