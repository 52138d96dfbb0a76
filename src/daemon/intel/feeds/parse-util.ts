import type { z } from 'zod';
import { SocdeckError } from '../../../shared/errors.js';

/** Validates a feed document, naming the file and the field path of the first problems. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  throw new SocdeckError('invalid_params', `${where}: ${issues.join('; ')}`);
}

export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
