import { afterEach, describe, expect, it } from 'vitest';
import { parseChunk, type ChunkOptions } from '../../../src/daemon/sources/chunk-parse.js';
import { ParsePool } from '../../../src/daemon/sources/parse-pool.js';
import { ParserSet } from '../../../src/daemon/sources/parsers/registry.js';
import type { FieldMapping } from '../../../src/daemon/sources/parsers/mapping.js';

const OPTS: ChunkOptions = { maxLineBytes: 4096, keepBytes: 256, final: false, format: 'auto' };
const MAPPING: FieldMapping = { name: 'cwpp', product: 'cwpp', match: { path: 'vendor', equals: 'cwpp' }, fields: { ruleId: 'rid', time: 'ts', severity: 'level' }, severityMap: { '3': 'high' } } as unknown as FieldMapping;

function owned(text: string): Buffer {
  const src = Buffer.from(text);
  const buf = Buffer.allocUnsafeSlow(src.length);
  src.copy(buf);
  return buf;
}

const pools: ParsePool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.stop();
});

describe('parse pool', () => {
  it('gives the results of parsing in place, with the configured mappings, and hands the bytes back', async () => {
    const text = [
      JSON.stringify({ timestamp: '2026-05-01T00:00:00.000000+0000', flow_id: 1, event_type: 'alert', src_ip: '192.0.2.1', alert: { signature_id: 7, signature: 'x', severity: 1 } }),
      '',
      JSON.stringify({ vendor: 'cwpp', rid: 'r1', ts: '2026-05-01T00:00:00Z', level: 3 }),
      '{"truncated":',
      JSON.stringify({ timestamp: '2026-05-01T00:00:00.000000+0000', flow_id: 2, event_type: 'flow' }),
      'partial',
    ].join('\n');
    const pool = new ParsePool(2, [MAPPING]);
    pools.push(pool);
    const expected = parseChunk(Buffer.from(text), OPTS, new ParserSet([MAPPING]));
    const buf = owned(text);
    const { bytes, result } = await pool.parse(buf, buf.length, OPTS);
    expect(result).toEqual(expected);
    expect(result.lines.map((l) => l.outcome.kind)).toEqual(['alert', 'alert', 'reject', 'skip']);
    expect(result.lines[1]!.outcome).toMatchObject({ format: 'cwpp' });
    expect(bytes.toString()).toBe(text);
  });

  it('refuses a buffer that shares its memory, and rejects work once stopped', async () => {
    const pool = new ParsePool(1, []);
    pools.push(pool);
    expect(() => pool.parse(Buffer.from('{}\n'), 3, OPTS)).toThrow(/owns its ArrayBuffer/);
    const first = pool.parse(owned('{}\n'), 3, OPTS);
    const queued = pool.parse(owned('{}\n'), 3, OPTS);
    await pool.stop();
    await expect(queued).rejects.toMatchObject({ code: 'internal' });
    await first.catch(() => {});
    await expect(pool.parse(owned('{}\n'), 3, OPTS)).rejects.toThrow(/stopped/);
  });
});
