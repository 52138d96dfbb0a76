import { SocdeckError } from '../../../shared/errors.js';

/**
 * Names from a certificate-transparency export saved offline: crt.sh's JSON output
 * (`?q=%.example.com&output=json`), an array of entries whose `name_value` holds one or more
 * names separated by newlines. Wildcards become their base name; only names under `domain` count.
 */
export function ctNames(text: string, file: string, domain: string): string[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (err) {
    throw new SocdeckError('invalid_params', `${file}: invalid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new SocdeckError('invalid_params', `${file}: expected a JSON array (crt.sh output=json)`);
  const suffix = `.${domain.toLowerCase()}`;
  const names = new Set<string>();
  rows.forEach((row, i) => {
    const nv = (row as Record<string, unknown> | null)?.name_value;
    if (typeof nv !== 'string') throw new SocdeckError('invalid_params', `${file}#${i}.name_value: expected a string`);
    for (const raw of nv.split('\n')) {
      const n = raw.trim().toLowerCase().replace(/^\*\./, '');
      if (n === domain.toLowerCase() || n.endsWith(suffix)) names.add(n);
    }
  });
  return [...names].sort();
}
