import { createHash } from 'node:crypto';

/** How many half-stored bodies are remembered, and for how long: a sender retries within minutes. */
const MAX_BODIES = 64;
const TTL_MS = 60 * 60 * 1000;

/**
 * Bodies a 503 left partly stored (a journal write failed after earlier slices were durable).
 * Senders such as Fluent Bit, Vector and Logstash retry the whole body on a 503; remembering how
 * many of its records are already stored lets that retry store only the rest, so no record is
 * counted twice. Bodies are hashed only while one is remembered, so the common path pays nothing.
 * Kept in memory: a restart between the 503 and the retry forgets it (the README says so).
 */
export class PartialBodies {
  private readonly stored = new Map<string, { records: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records of this body an earlier request already stored, and the key to settle it by. */
  lookup(source: string, body: Buffer): { key: string | undefined; skip: number } {
    this.expire();
    if (this.stored.size === 0) return { key: undefined, skip: 0 };
    const key = keyOf(source, body);
    return { key, skip: this.stored.get(key)?.records ?? 0 };
  }

  /** After the request: remember a body left partly stored, forget one now stored whole. */
  settle(source: string, body: Buffer, key: string | undefined, storedRecords: number, complete: boolean): void {
    if (complete) {
      if (key !== undefined) this.stored.delete(key);
      return;
    }
    if (storedRecords === 0 && key === undefined) return;
    const k = key ?? keyOf(source, body);
    this.stored.delete(k);
    this.stored.set(k, { records: storedRecords, at: this.now() });
    while (this.stored.size > MAX_BODIES) this.stored.delete(this.stored.keys().next().value!);
  }

  get size(): number {
    return this.stored.size;
  }

  private expire(): void {
    const cutoff = this.now() - TTL_MS;
    for (const [k, v] of this.stored) if (v.at < cutoff) this.stored.delete(k);
  }
}

function keyOf(source: string, body: Buffer): string {
  return `${source}\0${createHash('sha256').update(body).digest('hex')}`;
}
