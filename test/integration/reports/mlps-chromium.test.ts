import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDemo } from '../../../src/daemon/reports/demo/render-demo.js';

const run = promisify(execFile);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const mustRun = process.env.CI === 'true';

/** Text of the rendered DOM: tags dropped, entities of the report's escaping undone. */
function domText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe.skipIf(!CHROMIUM && !mustRun)("the quarterly report's 等保 2.0 section in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), 'socdeck-mlps-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = renderDemo(join(dir, 'out'), Date.parse('2026-11-25T03:00:00Z'));

  it.each([
    ['zh-CN', ['等保 2.0（GB/T 22239-2019）第3级概览', '第3级：安全计算环境', '第3级：安全运维管理', '需通过文档审查或人员访谈确认的控制项', '8.1.4.1 d)', '不符合', '未评估'], '安全物理环境'],
    [
      'en',
      [
        'MLPS 2.0 (GB/T 22239-2019) level 3 overview',
        'level 3: Secure computing environment',
        'level 3: Security operations management',
        'Items that need documents or interviews',
        '8.1.4.1 d)',
        'failed',
        'not assessed',
      ],
      'physical environment (',
    ],
  ])(
    'renders it in %s: per family, items with status, documentary items',
    async (lang, wanted, absent) => {
      expect(CHROMIUM, 'Debian package "chromium" is required').toBeDefined();
      const file = files.find((f) => f.endsWith(`quarterly.${lang}.html`))!;
      const dom = await run(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(dir, `p-${lang}`)}`, '--dump-dom', pathToFileURL(file).href], {
        timeout: 55_000,
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'disabled:' },
      });
      const text = domText(dom.stdout);
      for (const w of wanted) expect(text, w).toContain(w);
      // the excluded family never appears as a section of its own
      expect(text.includes(`: ${absent}`)).toBe(false);
      // the browser laid out the tables: every 等保 family section has a table or a documentary list
      expect((dom.stdout.match(/<h2[^>]*>[^<]*(等保 2\.0|MLPS 2\.0)/g) ?? []).length).toBe(10);
      expect(readFileSync(file, 'utf8')).not.toContain('<script');
    },
    120_000,
  );
});
