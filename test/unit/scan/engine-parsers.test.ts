import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNmapXml } from '../../../src/daemon/scan/engines/nmap-xml.js';
import { MAX_XML_DEPTH } from '../../../src/daemon/scan/engines/xml-tree.js';
import { parseNucleiJsonl } from '../../../src/daemon/scan/engines/nuclei-jsonl.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'scan');
const read = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');

describe('nmap XML import', () => {
  it('parses a two-host version scan', () => {
    const r = parseNmapXml(read('nmap/libnmap_2_hosts_version.xml'));
    expect(r.hosts.map((h) => h.address)).toEqual(['127.0.0.1', '74.207.244.221']);
    expect(r.hosts[0]!.ports.filter((p) => p.state === 'open').map((p) => p.port)).toEqual([22, 25, 111, 631, 3306]);
    expect(r.hosts[1]!.ports.find((p) => p.port === 25)).toMatchObject({ service: 'smtp', state: 'filtered' });
    expect(r.version).toBe('5.51');
  });

  it('accepts the bare <!DOCTYPE nmaprun> nmap itself writes', () => {
    expect(parseNmapXml(read('nmap/libnmap_1_host_ping.xml')).hosts.length).toBeGreaterThan(0);
  });

  it('parses a 256-host report with service versions', () => {
    const r = parseNmapXml(read('nmap/libnmap_fullscan.xml'));
    expect(r.hosts).toHaveLength(256);
    const ssh = r.hosts.flatMap((h) => h.ports).find((p) => p.product === 'OpenSSH');
    expect(ssh).toMatchObject({ port: 22, service: 'ssh', version: '5.9p1 Debian 5ubuntu1' });
  });

  it('reports the error of an error-only run and survives odd services', () => {
    expect(parseNmapXml(read('nmap/ullaakut_scan_error_other.xml'))).toMatchObject({ hosts: [], error: 'Unsupported error' });
    expect(parseNmapXml(read('nmap/ullaakut_scan_invalid_services.xml')).hosts).toHaveLength(4);
  });

  it.each(['negative_xxe_billion_laughs_libnmap.xml', 'negative_xxe_external_entity_libnmap.xml'])('refuses %s (XXE) naming file and line', (f) => {
    expect(() => parseNmapXml(read(`nmap/${f}`), f)).toThrow(new RegExp(`${f}:2: XML declares <!DOCTYPE>.*refused`));
  });

  it('refuses a stray ENTITY declaration even without a DOCTYPE', () => {
    expect(() => parseNmapXml('<nmaprun><!ENTITY x "y"></nmaprun>', 'x.xml')).toThrow(/<!ENTITY>/);
  });

  it('refuses a document that is not an nmap report', () => {
    expect(() => parseNmapXml(read('nmap/not_nmap_xxe_include_target_libnmap.xml'), 'n.xml')).toThrow('n.xml: not an nmap report: root element is <root>, expected <nmaprun>');
  });

  it('names the line of malformed XML', () => {
    expect(() => parseNmapXml('<nmaprun>\n<host>\n</nmaprun>', 'bad.xml')).toThrow(/^bad\.xml:3: unexpected close tag/);
    expect(() => parseNmapXml('<nmaprun>\n<host/>', 'cut.xml')).toThrow(/^cut\.xml:2: unclosed tag: nmaprun/);
    expect(() => parseNmapXml('<nmaprun/>\n<nmaprun/>', 'two.xml')).toThrow(/^two\.xml:2: documents may contain only one root/);
  });

  it('expands no entity beyond the predefined five and character references', () => {
    expect(parseNmapXml('<nmaprun args="&lt;&#10;&#x41;&amp;"/>').args).toBe('<\nA&');
    expect(() => parseNmapXml('<nmaprun args="&xxe;"/>', 'e.xml')).toThrow(/^e\.xml:1: undefined entity/);
  });

  it('refuses nesting deeper than the cap instead of growing without bound', () => {
    expect(() => parseNmapXml(`<nmaprun>${'<a>'.repeat(MAX_XML_DEPTH + 1)}`, 'deep.xml')).toThrow(`deep.xml:1: elements nest deeper than ${MAX_XML_DEPTH}`);
  });

  // The golden file was written by the hand-written reader this parser replaced: same output, byte for byte.
  it('parses every nmap fixture exactly as the previous reader did', () => {
    const golden = JSON.parse(read('nmap-parsed.golden.json')) as Record<string, unknown>;
    expect(Object.keys(golden).length).toBe(10);
    for (const [f, want] of Object.entries(golden)) {
      let got: unknown;
      try {
        got = parseNmapXml(read(`nmap/${f}`), f);
      } catch (err) {
        got = { error: (err as Error).message };
      }
      expect(got, f).toEqual(want);
    }
  });
});

describe('nuclei JSONL import', () => {
  it('parses a result event as nuclei encodes it', () => {
    const { results, errors } = parseNucleiJsonl(read('nuclei/nuclei_result_event_legacy.jsonl'));
    expect(errors).toEqual([]);
    expect(results).toEqual([expect.objectContaining({ templateId: 'legacy', severity: 'info', host: 'example.com', matchedAt: 'https://example.com' })]);
  });

  it('keeps good lines and reports bad ones with their line numbers', () => {
    const good = read('nuclei/nuclei_result_event_legacy.jsonl').trim();
    const { results, errors } = parseNucleiJsonl(`${good}\nnot json\n{"info":{}}\n`, 'r.jsonl');
    expect(results).toHaveLength(1);
    expect(errors).toEqual([expect.stringMatching(/^r\.jsonl:2: not JSON/), expect.stringMatching(/^r\.jsonl:3: not a nuclei result: template-id/)]);
  });

  it('refuses a file with no nuclei results at all', () => {
    expect(() => parseNucleiJsonl('{"a":1}\n', 'x.jsonl')).toThrow(/x\.jsonl: no nuclei results/);
  });
});
