import { describe, expect, it } from 'vitest';
import { effectiveConcurrency, isLoopbackAddress, LOOPBACK_CONCURRENCY } from '../../../src/daemon/scan/loopback.js';

describe('loopback scans cap their concurrency', () => {
  it('knows loopback addresses in both families, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '128.0.0.1', '::2', 'fe80::1', '::ffff:10.0.0.1', 'localhost', '']) expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('caps a scan whose every host is loopback; one remote host keeps the configured figure', () => {
    expect(effectiveConcurrency(['127.0.0.1', '::1'], 1024)).toBe(LOOPBACK_CONCURRENCY);
    expect(effectiveConcurrency(['127.0.0.1'], 8)).toBe(8);
    expect(effectiveConcurrency(['127.0.0.1', '192.0.2.7'], 1024)).toBe(1024);
    expect(effectiveConcurrency([], 1024)).toBe(1024);
  });
});
