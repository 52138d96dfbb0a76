const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `90s`, `15m`, `1h30m`, `2d` → milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const parts = /^(?:\d+[smhdw])+$/.test(text) ? text.match(/\d+[smhdw]/g) : null;
  if (!parts) return undefined;
  let ms = 0;
  for (const p of parts) ms += Number(p.slice(0, -1)) * UNIT_MS[p.slice(-1) as keyof typeof UNIT_MS];
  return ms;
}

/** A point in time from an ISO timestamp or a duration from now (`2h` = two hours from now). */
export function parseUntil(text: string, now: number): number | undefined {
  const rel = parseDuration(text);
  if (rel !== undefined) return now + rel;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** `3 s`, `4 min`, `2 h`, `5 d`: coarse, for "changed by X 3 s ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}
