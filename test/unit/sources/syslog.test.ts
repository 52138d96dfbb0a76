import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyslogFramer, type Frame } from '../../../src/daemon/sources/syslog-framer.js';
import { parseSyslog } from '../../../src/daemon/sources/syslog-message.js';

describe('parseSyslog', () => {
  it.each([
    [
      'RFC 5424 with structured data',
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] {"a":1}',
      { host: 'mymachine.example.com', app: 'evntslog', message: '{"a":1}' },
    ],
    ['RFC 5424 with an escaped ] in SD and a BOM', '<34>1 2003-10-11T22:14:15.003Z host1 su - - [x k="a\\]b"] \uFEFF{"b":2}', { host: 'host1', app: 'su', message: '{"b":2}' }],
    ['RFC 5424 without SD', '<34>1 2003-10-11T22:14:15.003Z - - - - - {"c":3}', { message: '{"c":3}' }],
    ['RFC 3164 with tag and pid', '<13>Oct 11 22:14:15 sensor-1 suricata[412]: {"event_type":"alert"}', { host: 'sensor-1', app: 'suricata', message: '{"event_type":"alert"}' }],
    ['RFC 3164 with single-digit day', '<13>Feb  5 01:02:03 edge falco: {"rule":"r"}', { host: 'edge', app: 'falco', message: '{"rule":"r"}' }],
    ['RFC 3164 JSON right after the host', '<13>Feb  5 01:02:03 edge {"rule":"r"}', { host: 'edge', message: '{"rule":"r"}' }],
    ['bare PRI', '<13>{"x":1}', { message: '{"x":1}' }],
    ['no header at all', '{"x":1}', { message: '{"x":1}' }],
  ])('%s', (_n, text, want) => expect(parseSyslog(text)).toEqual(want));
});

const texts = (frames: Frame[]) => frames.map((f) => ('bytes' in f ? f.bytes.toString() : `OVER:${f.overCap.length}`));

describe('SyslogFramer', () => {
  it('reads octet-counted and newline frames on one stream', () => {
    const f = new SyslogFramer(1000, 16);
    expect(texts(f.push(Buffer.from('11 <13>{"a":1}<13>{"b":2}\n5 hello')))).toEqual(['<13>{"a":1}', '<13>{"b":2}', 'hello']);
  });

  it('waits for the rest of a frame', () => {
    const f = new SyslogFramer(1000, 16);
    expect(texts(f.push(Buffer.from('10 <13>{"a"')))).toEqual([]);
    expect(texts(f.push(Buffer.from(':}x\n')))).toEqual(['<13>{"a":}', 'x']);
  });

  it('skips over-cap frames of both kinds without buffering them', () => {
    const f = new SyslogFramer(100, 8);
    const out = [
      ...f.push(Buffer.from(`500 ${'a'.repeat(200)}`)),
      ...f.push(Buffer.from('a'.repeat(300))),
      ...f.push(Buffer.from(`ok\n${'b'.repeat(150)}`)),
      ...f.push(Buffer.from('b'.repeat(50) + '\nend\n')),
    ];
    expect(texts(out)).toEqual(['OVER:500', 'ok', 'OVER:200', 'end']);
    expect('overCap' in out[0]! && out[0].overCap.head.toString()).toBe('aaaaaaaa');
  });

  it('frames the same however TCP splits the bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^<1[0-9]>[a-z{}":]{0,20}$/), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (msgs, octet, step) => {
          const stream = Buffer.from(msgs.map((m, i) => (octet[i] ? `${Buffer.byteLength(m)} ${m}` : `${m}\n`)).join(''));
          const f = new SyslogFramer(1000, 16);
          const out: Frame[] = [];
          for (let i = 0; i < stream.length; i += step) out.push(...f.push(stream.subarray(i, i + step)));
          expect(texts(out)).toEqual(msgs);
        },
      ),
    );
  });
});
