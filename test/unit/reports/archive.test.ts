import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportArchive, safeSegment } from '../../../src/daemon/reports/archive.js';

describe('report archive', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const archive = () => {
    const d = mkdtempSync(join(tmpdir(), 'socdeck-archive-'));
    dirs.push(d);
    return new ReportArchive(d);
  };
  const meta = { kind: 'weekly' as const, customer: 'acme', subject: '2026-W47', lang: 'en' as const, format: 'md' as const, createdAt: '2026-11-23T01:00:00.000Z', createdBy: 'alice' };

  it('writes the file, indexes it newest first and replaces a rebuilt report', () => {
    const a = archive();
    const first = a.save(meta, 'one');
    a.save({ ...meta, subject: '2026-W48' }, 'two');
    const again = a.save({ ...meta, createdBy: 'bob' }, 'three');
    expect(first.id).toBe(join('acme', 'weekly', '2026-W47.en.md'));
    expect(readFileSync(again.path, 'utf8')).toBe('three');
    expect(a.list().map((e) => [e.subject, e.createdBy])).toEqual([
      ['2026-W47', 'bob'],
      ['2026-W48', 'alice'],
    ]);
    expect(existsSync(join(a.dir, 'index.json'))).toBe(true);
  });

  it('keeps path segments inside the archive', () => {
    expect(safeSegment('../../etc')).toBe('__.._etc');
    expect(safeSegment('a/b\\c')).toBe('a_b_c');
    expect(safeSegment('')).toBe('_');
    const a = archive();
    const e = a.save({ ...meta, customer: '../evil', subject: '../../x' }, 'x');
    expect(e.path.startsWith(a.dir)).toBe(true);
  });

  it('a damaged index lists nothing instead of failing, and the next save rewrites it', () => {
    const a = archive();
    a.save(meta, 'x');
    writeFileSync(join(a.dir, 'index.json'), '[{"id": 1}]');
    expect(a.list()).toEqual([]);
    a.save(meta, 'y');
    expect(a.list()).toHaveLength(1);
  });
});
