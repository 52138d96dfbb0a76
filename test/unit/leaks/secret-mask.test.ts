import { describe, expect, it } from 'vitest';
import { fingerprintSecret, maskSecret, maskValue, redactSecrets } from '../../../src/shared/secret-mask.js';

describe('maskValue', () => {
  it.each([
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA…MPLE'],
    ['ghp_0123456789abcdef', 'ghp_…cdef'],
    ['0123456789ab', '012…9ab'],
    ['super$ecret', 'su…et'],
    ['admin', 'a…n'],
    ['abc', '…'],
    ['', '…'],
  ])('%s -> %s', (secret, masked) => {
    expect(maskValue(secret)).toBe(masked);
  });

  it('never shows more than half of the secret', () => {
    for (let n = 0; n < 64; n++) {
      const s = 'x'.repeat(n);
      expect(maskValue(s).replace('…', '').length).toBeLessThanOrEqual(n / 2);
    }
  });
});

describe('maskSecret', () => {
  it('keeps provider, length and a SHA-256 fingerprint that identifies the key across places', () => {
    const m = maskSecret('AKIAIOSFODNN7EXAMPLE', 'aws');
    // sha256 of the string, computed independently with `sha256sum`.
    expect(m).toEqual({ provider: 'aws', masked: 'AKIA…MPLE', length: 20, fingerprint: 'sha256:1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3' });
    expect(fingerprintSecret('AKIAIOSFODNN7EXAMPLE')).toBe(m.fingerprint);
    expect(fingerprintSecret('AKIAIOSFODNN7EXAMPLF')).not.toBe(m.fingerprint);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of a clear secret in free text', () => {
    expect(redactSecrets('key=AKIAIOSFODNN7EXAMPLE again AKIAIOSFODNN7EXAMPLE', ['AKIAIOSFODNN7EXAMPLE'])).toBe('key=AKIA…MPLE again AKIA…MPLE');
  });
});
