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
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  if (!m) return undefined;
  const [, date, time, frac = '', zone = 'Z'] = m;
  const ms = frac.padEnd(3, '0').slice(0, 3);
  const tz = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const t = Date.parse(`${date}T${time}.${ms}${tz}`);
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
