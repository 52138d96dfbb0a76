import { describe, expect, it } from 'vitest';
import { loadHighRiskPorts, parsePortSpec } from '../../../src/daemon/scan/port-spec.js';

describe('port specs', () => {
  it.each([
    ['22', [22]],
    ['22,80,22', [22, 80]],
    ['8000-8003,21', [21, 8000, 8001, 8002, 8003]],
  ])('%s', (spec, ports) => expect(parsePortSpec(spec)).toEqual(ports));

  it('expands the full range', () => {
    const all = parsePortSpec('1-65535');
    expect(all).toHaveLength(65535);
    expect(parsePortSpec('all')).toEqual(all);
  });

  it.each(['0', '65536', '80-79', 'ssh', '1,,2', ''])('refuses %j naming the piece', (spec) => {
    expect(() => parsePortSpec(spec)).toThrow(/port spec/);
  });

  it('ships a high-risk list where every port has a reason', () => {
    const list = loadHighRiskPorts();
    expect(list.length).toBeGreaterThan(20);
    for (const p of list) expect(p.reason.length).toBeGreaterThan(10);
    expect(parsePortSpec('high-risk')).toEqual(expect.arrayContaining([22, 2375, 6379, 9200, 11211, 27017]));
  });
});
