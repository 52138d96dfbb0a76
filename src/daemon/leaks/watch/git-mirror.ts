import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { SocdeckError } from '../../../shared/errors.js';
import { maskUrl } from '../../notify/secrets.js';

/**
 * A bare mirror of a public repository under the data dir: cloned once (so the whole history is
 * scanned the first time), then fetched, so each run brings only the new commits and the git
 * scan goes on from the tips it saw last.
 */
export async function syncMirror(root: string, url: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const dir = join(root, createHash('sha256').update(url).digest('hex').slice(0, 24));
  const git = simpleGit({ timeout: { block: timeoutMs }, ...(signal ? { abort: signal } : {}) });
  try {
    if (!existsSync(join(dir, 'HEAD'))) {
      mkdirSync(root, { recursive: true });
      await git.clone(url, dir, ['--mirror', '--quiet']);
    } else {
      await git.cwd(dir).fetch(['--prune', '--quiet', 'origin']);
    }
  } catch (err) {
    // git's message may repeat the URL, and a URL may carry a token: name the host only.
    throw new SocdeckError('internal', `git fetch of ${maskUrl(url)} failed: ${(err instanceof Error ? err.message : String(err)).split(url).join(maskUrl(url)).split('\n')[0]}`);
  }
  return dir;
}
