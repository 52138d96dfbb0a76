import { expect } from 'vitest';
import { WireFormatError } from '../../../../src/daemon/scan/mongo/wire-error.js';

/** Runs `fn`, which must throw a WireFormatError, and returns its fault code. */
export function faultOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WireFormatError);
    return (err as WireFormatError).fault;
  }
  throw new Error('expected a WireFormatError');
}
