import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SocdeckError } from '../../src/shared/errors.js';
import { quietOthers } from '../integration/sources/helpers.js';
import { sharedTestDaemon } from '../support/daemon.js';

/**
 * Attack 3 and 7 of issue 25: inventory.import and intel.import echoed the first characters of
 * any file they could not parse in their error (the daemon token among them), because V8's JSON
 * messages quote the input. Fails on the code before errors stopped carrying file content.
 */
const d = sharedTestDaemon({ configOverrides: quietOthers() });

/** A file shaped like /etc/shadow: V8 quotes the first ten characters of text that is not JSON. */
function secretFile(): { file: string; secret: string } {
  const file = join(d.dataDir, 'shadow-like');
  writeFileSync(file, 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n', { mode: 0o600 });
  return { file, secret: 'root:$6$sa' };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err as SocdeckError,
  );

describe('no file content in errors', () => {
  it('inventory.import of a non-JSON file names the file and the problem, not its first bytes', async () => {
    const c = await d.connect('mallory');
    const { file, secret } = secretFile();
    const err = await failure(c.request('inventory.import', { path: file, asset: 'x' }));
    expect(err).toBeInstanceOf(SocdeckError);
    expect(err!.message).toContain('shadow-like');
    expect(err!.message).not.toContain(secret);
    expect(JSON.stringify(err!.details ?? {})).not.toContain(secret);
  });

  it('intel.import reports a per-file error without quoting the file', async () => {
    const c = await d.connect('mallory');
    const { file, secret } = secretFile();
    const res = await c.request('intel.import', { path: file }).catch((e: unknown) => e as SocdeckError);
    const text = res instanceof Error ? res.message : JSON.stringify(res);
    expect(text).not.toContain(secret);
    expect(text).toMatch(/invalid JSON|not a recognised/);
  });

  it('a missing path is a clear error naming it, not an internal error', async () => {
    const c = await d.connect('mallory');
    const err = await failure(c.request('inventory.import', { path: join(d.dataDir, 'no-such-file.json'), asset: 'x' }));
    expect(err?.code).not.toBe('internal');
    expect(err?.message).toContain('no-such-file.json');
    expect(err?.message).not.toMatch(/\n\s+at /);
  });
});
