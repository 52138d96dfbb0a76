import { execFile } from 'node:child_process';
import { SocdeckError } from '../../shared/errors.js';
import { parseBundle, type Bundle } from './baseline/bundle.js';
import { collectorScript } from './baseline/collector-script.js';

/** Bundle output is text about one host: tens of kilobytes, a few megabytes with many SUID files. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** This machine's baseline: the shipped collector script run with the local `sh`. */
export function collectLocalBundle(opts: { skip?: readonly string[]; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Bundle> {
  const { timeoutMs = 300_000, signal } = opts;
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', collectorScript(opts.skip)], { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', ...(signal ? { signal } : {}) }, (err, stdout) => {
      if (err && !stdout.startsWith('@@socdeck-bundle')) reject(new SocdeckError('internal', `local baseline collection: ${err.message}`));
      else {
        try {
          resolve(parseBundle(stdout, 'local'));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    });
  });
}
