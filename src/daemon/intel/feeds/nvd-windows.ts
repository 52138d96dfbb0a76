const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Splits [from, to] into consecutive lastModStartDate/EndDate windows no longer than
 * `windowDays` (NVD answers 404 to a range over 120 days).
 */
export function nvdWindows(fromMs: number, toMs: number, windowDays: number): [number, number][] {
  const out: [number, number][] = [];
  const span = windowDays * DAY_MS;
  for (let start = fromMs; start < toMs; start += span) out.push([start, Math.min(start + span, toMs)]);
  return out;
}

/** NVD's extended ISO-8601 form with an explicit offset, e.g. 2024-01-01T00:00:00.000+00:00. */
export function nvdDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export function nvdPageUrl(base: string, start: number, end: number, startIndex: number, pageSize: number): string {
  const u = new URL(base);
  u.searchParams.set('lastModStartDate', nvdDate(start));
  u.searchParams.set('lastModEndDate', nvdDate(end));
  u.searchParams.set('startIndex', String(startIndex));
  u.searchParams.set('resultsPerPage', String(pageSize));
  return u.toString();
}

export const NVD_DAY_MS = DAY_MS;
