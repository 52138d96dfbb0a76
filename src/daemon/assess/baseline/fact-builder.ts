import type { Fact } from '../fact.js';
import type { Bundle } from './bundle.js';

/** Collects facts for one host, tagging each with the host and the probe/file it came from. */
export class FactBuilder {
  readonly facts: Fact[] = [];
  /** Kinds whose probe ran, so "no item found" is a pass rather than a gap. */
  readonly collected = new Set<string>();
  constructor(readonly bundle: Bundle) {}

  get host(): string {
    return this.bundle.host;
  }

  add(kind: string, origin: string, data: Record<string, unknown>): void {
    this.facts.push({ kind, origin: `${this.host}:${origin}`, data: { host: this.host, ...data } });
    this.collected.add(kind);
  }

  markCollected(kind: string): void {
    this.collected.add(kind);
  }
}

/** `1` -> 1, `yes` stays `yes`: numeric settings compare as numbers, the rest as text. */
export function scalar(v: string): string | number {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** Non-comment lines of a config text with their 1-based line numbers. */
export function configLines(text: string, comment = '#'): { line: number; text: string }[] {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith(comment));
}

/** `KEY value` or `key = value` settings; the first or last occurrence wins as the program reads them. */
export function settings(text: string | undefined, sep: RegExp, wins: 'first' | 'last'): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  for (const l of configLines(text ?? '')) {
    const m = sep.exec(l.text);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (wins === 'first' && out.has(key)) continue;
    out.set(key, { value: m[2]!.trim(), line: l.line });
  }
  return out;
}

/** Sets `a.b.c` inside a nested object, so condition field paths reach dotted keys (sysctl). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    if (typeof next !== 'object' || next === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys.at(-1)!] = value;
}

/** `ls -ldn` line -> mode (octal text), uid, gid, type and path. */
export function parseLs(line: string): { mode: string; uid: number; gid: number; type: string; path: string } | undefined {
  const m = /^([-dlcbps])([-rwxsStT]{9})\S*\s+\d+\s+(\d+)\s+(\d+)\s+.*?\s(\/.*)$/.exec(line.replace(/\s(\d+,)\s+/, ' $1'));
  if (!m) return undefined;
  const p = m[2]!;
  let mode = 0;
  const bit = (i: number, v: number, special: string, sbit: number) => {
    const c = p[i]!;
    if (c !== '-' && c !== special.toUpperCase()) mode |= v;
    if (c.toLowerCase() === special) mode |= sbit;
  };
  bit(0, 0o400, '-', 0);
  bit(1, 0o200, '-', 0);
  bit(2, 0o100, 's', 0o4000);
  bit(3, 0o40, '-', 0);
  bit(4, 0o20, '-', 0);
  bit(5, 0o10, 's', 0o2000);
  bit(6, 0o4, '-', 0);
  bit(7, 0o2, '-', 0);
  bit(8, 0o1, 't', 0o1000);
  return { type: m[1]!, mode: mode.toString(8).padStart(3, '0'), uid: Number(m[3]), gid: Number(m[4]), path: m[5]!.split(' -> ')[0]! };
}
