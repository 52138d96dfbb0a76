import type { z } from 'zod';

/** The part of the store reports read; tests pass a plain object. */
export interface RecordSource {
  values<T>(coll: string): T[];
}

export interface ReadResult<T> {
  items: T[];
  /** Records that did not fit the report's input schema, with the first reason. */
  skipped: { count: number; firstProblem?: string };
}

/**
 * Reads one collection, keeping the records that fit `schema` and pass `keep` (e.g. one
 * customer's). Records that do not fit are skipped and counted, so a report is built from what
 * is sound even while another subsystem's record shape moves.
 */
export function readCollection<S extends z.ZodType>(src: RecordSource, coll: string, schema: S, keep: (item: z.infer<S>) => boolean): ReadResult<z.infer<S>> {
  const items: z.infer<S>[] = [];
  const skipped: ReadResult<z.infer<S>>['skipped'] = { count: 0 };
  for (const raw of src.values<unknown>(coll)) {
    const r = schema.safeParse(raw);
    if (!r.success) {
      skipped.count++;
      if (!skipped.firstProblem) {
        const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
        const issue = r.error.issues[0];
        skipped.firstProblem = `${coll}/${id}: ${issue?.path.join('.') || '(record)'}: ${issue?.message ?? 'invalid'}`;
      }
      continue;
    }
    if (keep(r.data)) items.push(r.data);
  }
  return { items, skipped };
}
