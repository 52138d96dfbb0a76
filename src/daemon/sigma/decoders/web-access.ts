import type { DecodeResult } from './decoder-types.js';

const COMBINED = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "(?:(\S+) (\S+?)(?: (HTTP\/[\d.]+))?|([^"]*))" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;

/**
 * An nginx / Apache access-log line (common or combined format) as the W3C-style fields the
 * Sigma webserver rules use: c-ip, cs-method, c-uri (path and query), cs-uri-stem,
 * cs-uri-query, sc-status, c-useragent, cs-referer.
 */
export function decodeWebAccess(line: string): DecodeResult {
  const m = COMBINED.exec(line);
  if (!m) return { error: 'not an access-log line (expected the common or combined log format)' };
  const uri = m[6] ?? m[8] ?? '';
  const q = uri.indexOf('?');
  const fields: Record<string, unknown> = {
    'c-ip': m[1],
    'cs-username': m[3] === '-' ? undefined : m[3],
    timestamp: m[4],
    'cs-method': m[5] ?? '',
    'c-uri': uri,
    'cs-uri-stem': q < 0 ? uri : uri.slice(0, q),
    'cs-uri-query': q < 0 ? '' : uri.slice(q + 1),
    'cs-version': m[7] ?? '',
    'sc-status': Number(m[9]),
    'sc-bytes': m[10] === '-' ? 0 : Number(m[10]),
  };
  if (m[11] !== undefined) fields['cs-referer'] = m[11] === '-' ? '' : m[11];
  if (m[12] !== undefined) fields['c-useragent'] = m[12] === '-' ? '' : m[12];
  return { fields };
}
