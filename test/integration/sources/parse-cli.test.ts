import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/daemon.js';
import { corpusFile, malformedCorpus } from '../../unit/sources/malformed-corpus.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/sources');

function socdeck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const jsonl = (s: string) =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('socdeck parse', () => {
  it('prints one normalised alert per accepted record, skips non-alerts, exits 0', async () => {
    const files = [
      'suricata_eve_crowdsec_hub_evelog.jsonl',
      'suricata_eve_crowdsec_hub_detect.jsonl',
      'suricata_fastlog_crowdsec_hub.log',
      'falco_events_falcosidekick.jsonl',
      'ecs_rfc0031_example_alert.json',
    ].map((f) => join(FIXTURES, f));
    const r = await socdeck(['parse', '--summary', ...files]);
    expect(r.code).toBe(0);
    const alerts = jsonl(r.stdout);
    expect(alerts).toHaveLength(4 + 4 + 4 + 6 + 1);
    expect(alerts.map((a) => a.product)).toEqual([...Array(12).fill('suricata'), ...Array(6).fill('falco'), 'ecs']);
    for (const a of alerts) expect(a).toMatchObject({ id: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/), severity: expect.any(String), count: 1, raw: expect.any(String) });
    expect(jsonl(r.stderr)).toEqual([{ summary: { accepted: 19, skipped: 4, rejected: 0 } }]);
  });

  it('reports each malformed record as {"file","line","reason"} on stderr and exits 1', async () => {
    const dir = tempDir();
    const file = join(dir, 'malformed.jsonl');
    const corpus = malformedCorpus();
    writeFileSync(file, corpusFile(corpus));
    const r = await socdeck(['parse', file]);
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout)).toHaveLength(corpus.filter((c) => !c.reason && !c.blank).length);
    const rejected = jsonl(r.stderr);
    const bad = corpus.map((c, i) => ({ c, line: i + 1 })).filter(({ c }) => c.reason);
    expect(rejected.map((x) => x.line)).toEqual(bad.map((b) => b.line));
    rejected.forEach((x, i) => {
      expect(Object.keys(x)).toEqual(['file', 'line', 'reason']);
      expect(x.file).toBe(file);
      expect(x.reason, bad[i]!.c.name).toMatch(bad[i]!.c.reason!);
    });
  });

  it('uses a field mapping from --config, and exits 2 on a usage error', async () => {
    const dir = tempDir();
    const config = join(dir, 'c.yaml');
    writeFileSync(
      config,
      'ingest:\n  mappings:\n    - name: cwpp\n      product: acme-cwpp\n      match: { path: vendor, equals: "Acme CWPP" }\n      fields: { ruleId: detection.id, time: detection.time, severity: detection.level }\n      severityMap: { "3": high, "4": critical }\n',
    );
    const r = await socdeck(['parse', '--config', config, '--format', 'cwpp', join(FIXTURES, 'cwpp_export_handwritten.jsonl')]);
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout).map((a) => [a.product, a.severity])).toEqual([
      ['acme-cwpp', 'critical'],
      ['acme-cwpp', 'high'],
    ]);
    expect(jsonl(r.stderr)).toEqual([{ file: expect.stringContaining('cwpp_export'), line: 3, reason: 'cwpp: detection.level (severity) value 9 is not in severityMap' }]);

    const usage = await socdeck(['parse', '--format', 'nope', join(FIXTURES, 'falco_events_falcosidekick.jsonl')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown --format "nope"');
    expect((await socdeck(['parse'])).code).toBe(2);
  });
});
