import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/daemon/leaks/rules.js';
import { leakCorpus, measureAccuracy } from '../../support/leak-accuracy.js';

const ruleSet = loadRuleSet();
const corpus = leakCorpus(ruleSet);

describe('detector accuracy on the labelled corpus', () => {
  it('is broad: every shape, every provider, upstream examples and look-alikes', () => {
    const ids = corpus.map((s) => s.id);
    for (const shape of ['env', 'yaml', 'json', 'ini', 'hcl', 'debug-log', 'url', 'js-concat', 'ci-yaml', 'markdown']) {
      expect(ids.filter((id) => id.startsWith('gen/') && id.endsWith(`/${shape}`)).length, shape).toBeGreaterThanOrEqual(10);
    }
    expect(corpus.filter((s) => s.source === 'noseyparker').length).toBeGreaterThan(100);
    expect(corpus.filter((s) => s.source === 'gitleaks')).toHaveLength(3);
    expect(corpus.filter((s) => s.source === 'trivy')).toHaveLength(20);
    expect(corpus.filter((s) => s.source === 'detect-secrets')).toHaveLength(8);
    expect(corpus.filter((s) => s.expected.length === 0).length).toBeGreaterThan(100);
  });

  it('has recall and precision of at least 95 % each', () => {
    const a = measureAccuracy(ruleSet, corpus);
    expect(a.total.tp).toBeGreaterThan(300);
    // The misses are listed so a failure says which sample and rule went wrong.
    expect({ recall: a.recall >= 0.95, precision: a.precision >= 0.95, misses: a.misses }).toEqual({ recall: true, precision: true, misses: expect.any(Array) });
  });

  it('counts a wrong finding as a false positive and a missed key as a false negative', () => {
    const sample = corpus.find((s) => s.id === 'gen/tencent/env')!;
    const a = measureAccuracy(ruleSet, [
      { ...sample, expected: sample.expected.slice(1) },
      { ...sample, text: '# nothing here\n' },
    ]);
    expect(a.perRule.get('tencent-secret-id')).toEqual({ tp: 0, fn: 1, fp: 1 });
    expect(a.perRule.get('tencent-secret-key')).toEqual({ tp: 1, fn: 1, fp: 0 });
  });
});
