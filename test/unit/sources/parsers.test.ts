import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FieldMapping } from '../../../src/daemon/sources/parsers/mapping.js';
import { ParserSet } from '../../../src/daemon/sources/parsers/registry.js';
import { parseIncoming } from '../../../src/daemon/sources/record-parse.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/sources/', import.meta.url));
const lines = (file: string) =>
  readFileSync(FIXTURES + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
const parsers = new ParserSet();

interface Expect {
  file: string;
  line: number;
  product: string;
  severity: string;
  rawSeverity: string | number;
  ruleId: string;
  time: string;
  host?: string;
  srcIp?: string;
}

// One row per alert record in every sample (real ones from shared/data, hand-written ones per SOURCES.md).
const ALERTS: Expect[] = [
  {
    file: 'suricata_eve_crowdsec_hub_evelog.jsonl',
    line: 1,
    product: 'suricata',
    severity: 'high',
    rawSeverity: 1,
    ruleId: '2024468',
    time: '2022-07-10T23:50:05.533Z',
    host: 'bond0',
    srcIp: '1.2.3.4',
  },
  { file: 'suricata_eve_crowdsec_hub_evelog.jsonl', line: 2, product: 'suricata', severity: 'medium', rawSeverity: 2, ruleId: '2843816', time: '2022-07-10T23:52:31.097Z', srcIp: '1.2.3.5' },
  { file: 'suricata_eve_crowdsec_hub_evelog.jsonl', line: 5, product: 'suricata', severity: 'high', rawSeverity: 1, ruleId: '2034125', time: '2022-07-11T06:09:52.602Z' },
  // `-0000` offset: still UTC.
  { file: 'suricata_eve_crowdsec_hub_evelog.jsonl', line: 8, product: 'suricata', severity: 'high', rawSeverity: 1, ruleId: '2034125', time: '2022-07-12T06:09:52.602Z' },
  {
    file: 'suricata_eve_crowdsec_hub_detect.jsonl',
    line: 1,
    product: 'suricata',
    severity: 'high',
    rawSeverity: 1,
    ruleId: '2034125',
    time: '2022-07-12T06:22:33.415Z',
    host: 'eth0',
    srcIp: '1.2.3.4',
  },
  { file: 'suricata_eve_crowdsec_hub_detect.jsonl', line: 2, product: 'suricata', severity: 'medium', rawSeverity: 2, ruleId: '2011716', time: '2022-07-12T11:26:34.407Z' },
  { file: 'suricata_eve_crowdsec_hub_detect.jsonl', line: 3, product: 'suricata', severity: 'medium', rawSeverity: 2, ruleId: '2011717', time: '2022-07-12T11:26:35.407Z' },
  { file: 'suricata_eve_crowdsec_hub_detect.jsonl', line: 4, product: 'suricata', severity: 'medium', rawSeverity: 2, ruleId: '2011718', time: '2022-07-12T11:26:36.407Z' },
  { file: 'suricata_fastlog_crowdsec_hub.log', line: 1, product: 'suricata', severity: 'low', rawSeverity: 3, ruleId: '2200074', time: '2022-07-11T10:29:01.860Z', srcIp: '2.57.122.209' },
  { file: 'suricata_fastlog_crowdsec_hub.log', line: 2, product: 'suricata', severity: 'medium', rawSeverity: 2, ruleId: '2008578', time: '2022-07-11T10:29:32.251Z' },
  { file: 'suricata_fastlog_crowdsec_hub.log', line: 3, product: 'suricata', severity: 'medium', rawSeverity: 2, ruleId: '2034567', time: '2022-07-11T08:36:12.345Z' },
  { file: 'suricata_fastlog_crowdsec_hub.log', line: 4, product: 'suricata', severity: 'high', rawSeverity: 1, ruleId: '2034125', time: '2022-07-11T06:09:52.602Z', srcIp: '185.7.214.104' },
  { file: 'falco_events_falcosidekick.jsonl', line: 1, product: 'falco', severity: 'info', rawSeverity: 'Debug', ruleId: 'Test rule', time: '2001-01-01T01:10:00.000Z', host: 'test-host' },
  { file: 'falco_events_falcosidekick.jsonl', line: 2, product: 'falco', severity: 'info', rawSeverity: 'Debug', ruleId: 'Test rule', time: '2001-01-01T01:10:00.000Z', host: 'test-host' },
  {
    file: 'falco_events_falcosidekick.jsonl',
    line: 3,
    product: 'falco',
    severity: 'info',
    rawSeverity: 'Debug',
    ruleId: 'Falco internal: syscall event drop',
    time: '2023-03-03T03:03:03.000Z',
    host: 'host',
  },
  {
    file: 'falco_events_falcosidekick.jsonl',
    line: 4,
    product: 'falco',
    severity: 'info',
    rawSeverity: 'Debug',
    ruleId: 'Falco internal: syscall event drop',
    time: '2023-03-03T03:03:03.000Z',
    host: 'host',
  },
  {
    file: 'falco_events_falcosidekick.jsonl',
    line: 5,
    product: 'falco',
    severity: 'info',
    rawSeverity: 'Debug',
    ruleId: 'Falco internal: syscall event drop',
    time: '2023-03-03T03:03:03.000Z',
    host: 'host',
  },
  // Nanosecond fraction cut to milliseconds.
  {
    file: 'falco_events_falcosidekick.jsonl',
    line: 6,
    product: 'falco',
    severity: 'high',
    rawSeverity: 'Error',
    ruleId: 'Write below binary dir',
    time: '2019-05-17T15:31:56.746Z',
    host: 'localhost',
  },
  { file: 'wazuh4_alerts_handwritten.jsonl', line: 1, product: 'wazuh', severity: 'low', rawSeverity: 5, ruleId: '5710', time: '2024-03-11T08:15:02.123Z', host: 'web-01', srcIp: '203.0.113.7' },
  { file: 'wazuh4_alerts_handwritten.jsonl', line: 2, product: 'wazuh', severity: 'high', rawSeverity: 12, ruleId: '550', time: '2024-03-11T08:20:44.907Z', host: 'db-01' },
  { file: 'wazuh4_alerts_handwritten.jsonl', line: 3, product: 'wazuh', severity: 'critical', rawSeverity: 15, ruleId: '60204', time: '2024-03-11T09:01:10.000Z', host: 'WIN-DC01' },
  { file: 'wazuh4_alerts_handwritten.jsonl', line: 4, product: 'wazuh', severity: 'info', rawSeverity: 2, ruleId: '1002', time: '2024-03-11T09:05:00.000Z', host: 'wazuh-manager' },
  // Indexer hit: the `_source` wrapper is unwrapped.
  { file: 'wazuh4_alerts_handwritten.jsonl', line: 5, product: 'wazuh', severity: 'medium', rawSeverity: 8, ruleId: '5403', time: '2024-03-11T10:00:00.000Z', host: 'web-01' },
  { file: 'wazuh5_ecs_handwritten.jsonl', line: 1, product: 'wazuh', severity: 'high', rawSeverity: 13, ruleId: '100201', time: '2025-06-02T12:00:00.000Z', host: 'k8s-node-1', srcIp: '192.0.2.44' },
  {
    file: 'ocsf_findings_handwritten.jsonl',
    line: 1,
    product: 'ocsf',
    severity: 'high',
    rawSeverity: 4,
    ruleId: 'Backdoor:EC2/C&CActivity.B!DNS',
    time: '2024-06-02T12:00:00.123Z',
    host: 'ip-10-0-3-12',
    srcIp: '10.0.3.12',
  },
  // severity_id 99 (Other) falls back to the severity word.
  {
    file: 'ocsf_findings_handwritten.jsonl',
    line: 2,
    product: 'ocsf',
    severity: 'critical',
    rawSeverity: 99,
    ruleId: 'Storage bucket is world-readable',
    time: '2024-06-02T13:00:00.000Z',
    host: 'bucket-prod-logs',
  },
  // epoch seconds
  { file: 'ocsf_findings_handwritten.jsonl', line: 3, product: 'ocsf', severity: 'info', rawSeverity: 1, ruleId: 'edr-svc-install', time: '2024-06-02T12:01:40.000Z', host: 'ws-07' },
];

describe('parsers: every sample record', () => {
  it.each(ALERTS)('$file:$line -> $product $severity', (e) => {
    const raw = lines(e.file)[e.line - 1]!;
    const out = parseIncoming({ raw }, parsers);
    expect(out.kind).toBe('alert');
    if (out.kind !== 'alert') return;
    expect(out.fields).toMatchObject({ product: e.product, severity: e.severity, rawSeverity: e.rawSeverity, ruleId: e.ruleId, time: e.time });
    if (e.host) expect(out.fields.host).toBe(e.host);
    if (e.srcIp) expect(out.fields.srcIp).toBe(e.srcIp);
  });

  it('covers every alert line of every JSONL/log sample and skips only Suricata flow/stats', () => {
    const files = [
      'suricata_eve_crowdsec_hub_evelog.jsonl',
      'suricata_eve_crowdsec_hub_detect.jsonl',
      'suricata_fastlog_crowdsec_hub.log',
      'falco_events_falcosidekick.jsonl',
      'wazuh4_alerts_handwritten.jsonl',
      'wazuh5_ecs_handwritten.jsonl',
      'ocsf_findings_handwritten.jsonl',
    ];
    for (const f of files) {
      lines(f).forEach((raw, i) => {
        const out = parseIncoming({ raw }, parsers);
        const listed = ALERTS.some((e) => e.file === f && e.line === i + 1);
        if (listed) expect(out.kind, `${f}:${i + 1}`).toBe('alert');
        else expect(out, `${f}:${i + 1}`).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/^suricata event_type (flow|stats)$/) });
      });
    }
  });

  it('reads the pretty-printed ECS alert (flattened kibana.* keys and nested ECS objects)', () => {
    const doc: unknown = JSON.parse(readFileSync(FIXTURES + 'ecs_rfc0031_example_alert.json', 'utf8'));
    const out = parsers.parse(doc);
    expect(out).toMatchObject({ kind: 'alert', format: 'ecs', fields: { product: 'ecs', severity: 'high', rawSeverity: 'high', host: 'My-PC', time: '2022-08-12T14:45:36.171Z', mitre: ['T1218'] } });
  });

  it('extracts the entity fields dedup keys on', () => {
    const [w1, w2] = lines('wazuh4_alerts_handwritten.jsonl');
    expect(parseIncoming({ raw: w1! }, parsers)).toMatchObject({ fields: { user: 'admin', srcPort: 51122, mitre: ['T1110.001'], tags: expect.arrayContaining(['sshd']) } });
    expect(parseIncoming({ raw: w2! }, parsers)).toMatchObject({ fields: { fileHash: expect.stringMatching(/^5f2b1c0d/) } });
    const ocsf = lines('ocsf_findings_handwritten.jsonl')[2]!;
    expect(parseIncoming({ raw: ocsf }, parsers)).toMatchObject({
      fields: { fileHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', process: expect.stringContaining('sc create') },
    });
  });

  it('honours an explicit format and refuses a record of another shape with the field named', () => {
    const suricata = lines('suricata_eve_crowdsec_hub_detect.jsonl')[0]!;
    expect(parseIncoming({ raw: suricata }, parsers, 'wazuh')).toMatchObject({ kind: 'reject', reason: expect.stringContaining('rule.level') });
    expect(parseIncoming({ raw: suricata }, parsers, 'nope')).toMatchObject({ kind: 'reject', reason: 'unknown format nope' });
  });
});

describe('parsers: wrong field types name the field', () => {
  const table: [string, unknown, RegExp][] = [
    ['falco priority number', { output: 'x', priority: 3, rule: 'r', time: '2024-01-01T00:00:00Z' }, /falco: priority must be Emergency\.\.Debug, got number/],
    ['falco time garbage', { output: 'x', priority: 'Error', rule: 'r', time: 'yesterday' }, /falco: time is not an RFC 3339 time/],
    ['wazuh level 16', { timestamp: '2024-01-01T00:00:00+0000', rule: { level: 16, id: '1' }, agent: {} }, /rule\.level must be an integer 0-15/],
    ['wazuh rule.id array', { timestamp: '2024-01-01T00:00:00+0000', rule: { level: 3, id: [1] }, agent: {} }, /rule\.id must be a string, got array/],
    ['ocsf severity_id text', { class_uid: 2004, severity_id: 'High', metadata: {}, time: 1 }, /ocsf: severity_id must be 0-6 or 99, got string/],
    ['ecs bad timestamp', { '@timestamp': 5, 'event.kind': 'alert', rule: { id: 'r' } }, /ecs: @timestamp is not a valid time, got number/],
    ['suricata alert not an object', { event_type: 'alert', flow_id: 1, alert: 'x', timestamp: '2024-01-01T00:00:00+0000' }, /suricata: alert must be an object, got string/],
  ];
  it.each(table)('%s', (_name, rec, reason) => {
    expect(parsers.parse(rec)).toMatchObject({ kind: 'reject', reason: expect.stringMatching(reason) });
  });
});

describe('config-declared field mapping', () => {
  const cwpp = FieldMapping.parse({
    name: 'cwpp',
    product: 'acme-cwpp',
    match: { path: 'vendor', equals: 'Acme CWPP' },
    fields: { ruleId: 'detection.id', time: 'detection.time', severity: 'detection.level', title: 'detection.name', host: 'asset.hostname', srcIp: 'net.src', fileHash: 'file.sha256' },
    severityMap: { '1': 'low', '2': 'medium', '3': 'high', '4': 'critical' },
  });
  const withMapping = new ParserSet([cwpp]);
  const [l1, l2, l3] = lines('cwpp_export_handwritten.jsonl');

  it('turns a new product export into alerts with no code', () => {
    expect(parseIncoming({ raw: l1! }, withMapping)).toMatchObject({
      kind: 'alert',
      format: 'cwpp',
      fields: {
        product: 'acme-cwpp',
        ruleId: 'CWPP-0042',
        severity: 'critical',
        rawSeverity: 4,
        time: '2025-01-15T03:04:05.000Z',
        host: 'web-02',
        srcIp: '203.0.113.50',
        title: 'Reverse shell spawned by web server',
      },
    });
    expect(parseIncoming({ raw: l2! }, withMapping)).toMatchObject({ kind: 'alert', fields: { severity: 'high', time: '2025-01-15T03:04:05.000Z', fileHash: expect.stringMatching(/^0f1e/) } });
  });

  it('rejects a value missing from the severity map, naming the path', () => {
    expect(parseIncoming({ raw: l3! }, withMapping)).toMatchObject({ kind: 'reject', reason: 'cwpp: detection.level (severity) value 9 is not in severityMap' });
  });

  it('is not guessed without the mapping', () => {
    expect(parseIncoming({ raw: l1! }, parsers)).toMatchObject({ kind: 'reject', reason: expect.stringContaining('no parser recognises') });
  });

  it('lists mapping names among the formats', () => {
    expect(withMapping.formats).toEqual(['auto', 'cwpp', 'wazuh', 'suricata', 'falco', 'ocsf', 'wazuh5', 'ecs', 'tencent-cwp']);
  });
});
