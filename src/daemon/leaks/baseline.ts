import { readFileSync } from 'node:fs';
import { SocdeckError } from '../../shared/errors.js';
import { jsonErrorWithoutContent } from '../../shared/json-error.js';

/**
 * Reads a baseline: the JSON output of `socdeck leaks scan --json` (an array of rows with a
 * `fingerprint`), or `{ "fingerprints": [...] }`. Known keys in it are counted, not reported.
 */
export function loadBaseline(file: string | undefined): Set<string> {
  if (!file) return new Set();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SocdeckError('config_invalid', `leak baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? jsonErrorWithoutContent(err)}`);
  }
  const list = Array.isArray(data) ? data : (data as { fingerprints?: unknown })?.fingerprints;
  if (!Array.isArray(list)) throw new SocdeckError('config_invalid', `leak baseline ${file}: expected an array of findings or {"fingerprints": [...]}`);
  const out = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const fp = typeof entry === 'string' ? entry : (entry as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fp !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(fp)) {
      throw new SocdeckError('config_invalid', `leak baseline ${file}: entry ${i}: fingerprint must be "sha256:<64 hex>"`);
    }
    out.add(fp);
  });
  return out;
}
