import type { RulePlan } from './rule-index.js';

/** One alert in a stored window: its id, time and what it matched (step indexes or distinct values). */
export interface WindowEvent {
  id: string;
  t: number;
  /** Shared with the engine and other windows: never mutated. */
  tags: readonly string[];
}

/** One rule's sliding window over one entity, as stored, so a restart resumes mid-window. */
export interface WindowState {
  id: string;
  rule: string;
  key: string;
  events: WindowEvent[];
  /** The case this window feeds while it is active, and the time of its newest alert. */
  caseId?: string;
  caseLast?: number;
  /** `sequence` rules: per step, [start, end] of the latest-starting chain through it. */
  chain?: ([number, number] | null)[];
}

/** A window keeps at most this many events; a flood on one host keeps its newest. */
const MAX_EVENTS = 1000;
/** A distinct window counts its values in a map only from this many events on; below, a scan is cheaper than the map. */
const COUNT_FROM = 8;
/** Scratch for those scans (the engine is single-threaded and a scan does not nest). */
const SCRATCH = new Set<string>();
/** Evicted slots are reclaimed in bulk once this many pile up at the front (and half the array). */
const COMPACT_AT = 64;

/**
 * A window in memory: its events as a queue (`head` is the oldest live one), so eviction is an
 * index bump. Each event object is made once, never changed, and shared with every stored form
 * of the window, so storing a moved window copies pointers, not events. Sequence tags are the
 * shared step lists of maskTags; distinct tags are the alert's value list, shared between the
 * rules that use it. Most windows hold one or two events, so everything else is lazy.
 */
export class Window {
  private events: WindowEvent[] | undefined;
  private head = 0;
  /** `distinct` rules with COUNT_FROM or more live events: how many carry each value. */
  private counts: Map<string, number> | undefined;
  caseId: string | undefined;
  caseLast: number | undefined;
  chain: ([number, number] | null)[] | undefined;
  /** The batch that last changed this window, so a batch lists each window once. */
  stamp = -1;

  constructor(
    readonly plan: RulePlan,
    readonly scope: string,
    readonly entity: string,
  ) {}

  get key(): string {
    return this.plan.rule.rule.acrossCustomers ? this.entity : `${this.scope}\u0000${this.entity}`;
  }

  get id(): string {
    return `${this.plan.rule.rule.id}\u0001${this.key}`;
  }

  get size(): number {
    return this.events ? this.events.length - this.head : 0;
  }

  newest(): number {
    return this.events && this.size > 0 ? this.events[this.events.length - 1]!.t : 0;
  }

  /** Drops events older than `from`, and the oldest beyond the cap, then appends `ev`. */
  push(ev: WindowEvent, from: number): void {
    if (!this.events) {
      this.events = [ev];
      return;
    }
    const evs = this.events;
    while (this.head < evs.length && (evs[this.head]!.t < from || this.size >= MAX_EVENTS)) {
      if (this.counts) this.count(evs[this.head]!.tags, -1);
      this.head++;
    }
    if (this.head >= COMPACT_AT && this.head * 2 >= evs.length) {
      evs.splice(0, this.head);
      this.head = 0;
    }
    evs.push(ev);
    if (this.counts) this.count(ev.tags, 1);
    else if (this.plan.rule.rule.kind === 'distinct' && this.size >= COUNT_FROM) {
      this.counts = new Map();
      for (let i = this.head; i < evs.length; i++) this.count(evs[i]!.tags, 1);
    }
  }

  /** Distinct values among live events. */
  distinctCount(): number {
    if (this.counts) return this.counts.size;
    SCRATCH.clear();
    const evs = this.events ?? [];
    for (let i = this.head; i < evs.length; i++) for (const v of evs[i]!.tags) SCRATCH.add(v);
    return SCRATCH.size;
  }

  private count(values: readonly string[], by: 1 | -1): void {
    const counts = this.counts!;
    for (const v of values) {
      const n = (counts.get(v) ?? 0) + by;
      if (n > 0) counts.set(v, n);
      else counts.delete(v);
    }
  }

  liveIds(): string[] {
    const out: string[] = [];
    for (let i = this.head; i < (this.events?.length ?? 0); i++) out.push(this.events![i]!.id);
    return out;
  }

  /** The stored form: its events are the engine's own (immutable) objects, the rest is copied. */
  snapshot(): WindowState {
    return {
      id: this.id,
      rule: this.plan.rule.rule.id,
      key: this.key,
      events: this.events ? this.events.slice(this.head) : [],
      ...(this.caseId !== undefined ? { caseId: this.caseId, caseLast: this.caseLast! } : {}),
      ...(this.chain ? { chain: this.chain.map((c) => (c ? [c[0], c[1]] : null)) } : {}),
    };
  }

  static restore(s: WindowState, plan: RulePlan): Window {
    const across = plan.rule.rule.acrossCustomers;
    const cut = s.key.indexOf('\u0000');
    const w = new Window(plan, across ? '' : s.key.slice(0, cut), across ? s.key : s.key.slice(cut + 1));
    for (const e of s.events) w.push(e, -Infinity);
    w.caseId = s.caseId;
    w.caseLast = s.caseLast;
    w.chain = s.chain?.map((c) => (c ? [c[0], c[1]] : null));
    return w;
  }
}

/** Step lists by bit mask (a rule has at most 8 steps), built once: snapshots share them. */
const MASK_TAGS: readonly (readonly string[])[] = Array.from({ length: 256 }, (_, mask) => Object.freeze([0, 1, 2, 3, 4, 5, 6, 7].filter((i) => mask & (1 << i)).map(String)));

export function maskTags(mask: number): readonly string[] {
  return MASK_TAGS[mask]!;
}
