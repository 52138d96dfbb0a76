/** Small readers for untrusted JSON: each returns undefined instead of throwing on a wrong type. */

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return undefined;
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function strArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** Reads a dot path through nested objects, also accepting flattened dotted keys at any level (ECS does both). */
export function path(rec: Record<string, unknown>, dotted: string): unknown {
  if (Object.hasOwn(rec, dotted)) return rec[dotted];
  const parts = dotted.split('.');
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i).join('.');
    const next = obj(rec[head]);
    if (next) {
      const v = path(next, parts.slice(i).join('.'));
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/**
 * Normalises product timestamps to UTC ISO. Accepts `+0000` offsets without a colon (Suricata,
 * Wazuh) and nanosecond fractions (Falco), which Date.parse rejects or mangles.
 */
export function isoTime(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  // Every alert passes through here: the common RFC 3339 shape is read digit by digit, which
  // costs a fraction of a regex. Other accepted shapes are rewritten into it, so one place
  // judges calendar validity (Date.parse would roll 2025-02-29 over into March).
  const fast = fastIsoTime(v);
  if (fast !== undefined) return fast;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  return m ? fastIsoTime(`${m[1]}T${m[2]}${m[3] ?? ''}${m[4] ?? 'Z'}`) : undefined;
}

const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH[:]MM)` naming a real calendar time; undefined otherwise. */
function fastIsoTime(s: string): string | undefined {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]! || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return undefined;
    // Milliseconds from the first three fraction digits, padded, as the slow path does.
    for (let k = 0; k < 3; k++) ms = ms * 10 + (start + k < i ? s.charCodeAt(start + k) - 48 : 0);
  }
  let offsetMin = 0;
  const z = s.charCodeAt(i);
  if (z === 90 && i + 1 === s.length) offsetMin = 0;
  else if (z === 43 || z === 45) {
    const rest = s.length - i - 1;
    const oh = digits(s, i + 1, 2);
    const om = rest === 4 ? digits(s, i + 3, 2) : rest === 5 && s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, 2) : -1;
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return undefined;
    offsetMin = (z === 43 ? 1 : -1) * (oh * 60 + om);
  } else return undefined;
  // UTC already (the common case): the canonical form is the input's own digits, no Date needed.
  if (offsetMin === 0) return `${s.slice(0, 19)}.${ms < 100 ? (ms < 10 ? '00' : '0') : ''}${ms}Z`;
  // Date.UTC reads years 0-99 as 1900-1999; 400 Gregorian years later the calendar repeats exactly.
  const t = (y < 100 ? Date.UTC(y + 400, mo - 1, d, h, mi, sec, ms) - GREGORIAN_CYCLE_MS : Date.UTC(y, mo - 1, d, h, mi, sec, ms)) - offsetMin * 60_000;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * A time given either as text (see isoTime) or as an epoch number: seconds, milliseconds or
 * nanoseconds, told apart by magnitude (OCSF `time` is ms; some exporters send seconds).
 */
export function anyTime(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d{9,19}$/.test(v)) return anyTime(Number(v));
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return isoTime(v);
  const ms = v < 1e11 ? v * 1000 : v < 1e14 ? v : v / 1e6;
  const d = new Date(Math.floor(ms));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Names a value's JSON type for rejection reasons ("got string"), without echoing its content. */
export function typeName(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}
