import type { Fact } from '../fact.js';

/** One export format: recognises a parsed file and turns it into facts. */
export interface Importer {
  name: string;
  /** True when the content looks like this format (cheap structural check). */
  detect(content: unknown, text: string): boolean;
  /** Throws with a message naming the record and field when the file is malformed. */
  import(content: unknown, text: string, file: string): Fact[];
}

export function asRecord(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where}: expected an object`);
  return v as Record<string, unknown>;
}

export function asArray(v: unknown, where: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${where}: expected an array`);
  return v;
}

export function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`${where}: expected a non-empty string`);
  return v;
}
