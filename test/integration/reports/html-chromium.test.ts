import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDemo } from '../../../src/daemon/reports/demo/render-demo.js';

const run = promisify(execFile);

/** Debian's chromium (apt-get install chromium); CI installs it, so there it must be present. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const mustRun = process.env.CI === 'true';

function chromiumArgs(profile: string, ...extra: string[]): string[] {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', `--user-data-dir=${profile}`, ...extra];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe.skipIf(!CHROMIUM && !mustRun)('HTML reports in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-chromium-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the weekly report to a PNG of a sane page height', async () => {
    expect(CHROMIUM, 'Debian package "chromium" is required').toBeDefined();
    const [file] = renderDemo(join(dir, 'out'), Date.parse('2026-11-25T03:00:00Z')).filter((f) => f.endsWith('weekly.zh-CN.html'));
    // A test-only copy reports the laid-out height through the title; the report itself has no script.
    const probe = join(dir, 'probe.html');
    writeFileSync(probe, readFileSync(file!, 'utf8').replace('</body>', '<script>document.title = String(document.documentElement.scrollHeight)</script></body>'));
    const dom = await run(CHROMIUM!, chromiumArgs(join(dir, 'p1'), '--window-size=1000,1000', '--dump-dom', pathToFileURL(probe).href), {
      timeout: 55_000,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'disabled:' },
    });
    const height = Number(/<title>(\d+)<\/title>/.exec(dom.stdout)?.[1]);
    // Seven sections, two charts and several tables: several screens, not a collapsed or runaway page.
    expect(height).toBeGreaterThan(1500);
    expect(height).toBeLessThan(20_000);

    const png = join(dir, 'weekly.png');
    await run(CHROMIUM!, chromiumArgs(join(dir, 'p2'), `--window-size=1000,${height}`, `--screenshot=${png}`, pathToFileURL(file!).href), {
      timeout: 55_000,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'disabled:' },
    });
    expect(pngSize(png)).toEqual({ width: 1000, height });
    expect(statSync(png).size).toBeGreaterThan(50_000);
    // Two browser start-ups; on a loaded 2-core machine each can take several seconds.
  }, 120_000);
});
