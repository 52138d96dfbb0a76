import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { renderDemo } from '../../../src/daemon/reports/demo/render-demo.js';
import type { ReportDoc } from '../../../src/daemon/reports/document.js';
import { renderHtml } from '../../../src/daemon/reports/render/html.js';
import { renderMarkdown } from '../../../src/daemon/reports/render/markdown.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(n: Node, out: Element[] = []): Element[] {
  if ('tagName' in n) out.push(n);
  for (const c of 'childNodes' in n ? n.childNodes : []) elements(c, out);
  if ('content' in n && n.content) elements(n.content as Node, out);
  return out;
}

const DOC: ReportDoc = {
  title: 'T <script>alert(1)</script>',
  subtitle: 's',
  lang: 'en',
  meta: [['Customer', 'acme & co']],
  sections: [
    {
      title: 'S',
      blocks: [
        {
          type: 'chart',
          title: 'C',
          chart: {
            type: 'bar',
            stacked: true,
            horizontal: false,
            categories: ['a', 'b'],
            series: [
              { name: 'x', values: [1, 2] },
              { name: 'y', values: [3, 0] },
            ],
          },
        },
        { type: 'chart', title: 'L', chart: { type: 'line', categories: ['m1', 'm2'], series: [{ name: 'n', values: [1, 5] }] } },
        { type: 'table', columns: ['k', 'v|w'], rows: [['1', 'see https://example.com/x']], numeric: [0], empty: 'none' },
        { type: 'table', columns: ['k'], rows: [], empty: 'nothing here' },
      ],
    },
  ],
  footer: 'f',
};

describe('renderers', () => {
  it('HTML parses, escapes text and draws charts as inline SVG', () => {
    const html = renderHtml(DOC);
    const all = elements(parse(html));
    expect(all.filter((e) => e.tagName === 'svg')).toHaveLength(2);
    expect(all.filter((e) => e.tagName === 'rect').length).toBeGreaterThanOrEqual(3);
    expect(all.some((e) => e.tagName === 'polyline')).toBe(true);
    expect(all.some((e) => e.tagName === 'script')).toBe(false);
    expect(html).toContain('T &lt;script&gt;');
    expect(html).toContain('acme &amp; co');
  });

  it('Markdown keeps every chart figure as a table and escapes pipes', () => {
    const md = renderMarkdown(DOC);
    expect(md).toContain('| a | 1 | 3 |');
    expect(md).toContain('| m2 | 5 |');
    expect(md).toContain('v\\|w');
    expect(md).toContain('_nothing here_');
  });

  it('every demo report in HTML is self-contained: no external resource, no script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socdeck-demo-'));
    try {
      const files = renderDemo(dir, Date.parse('2026-11-25T03:00:00Z')).filter((f) => f.endsWith('.html'));
      expect(files.map((f) => basename(f)).sort()).toEqual(['advisory', 'incident', 'leak', 'monthly', 'quarterly', 'weekly'].flatMap((k) => [`${k}.en.html`, `${k}.zh-CN.html`]).sort());
      for (const f of files) {
        const html = readFileSync(f, 'utf8');
        const els = elements(parse(html));
        const refs = els.flatMap((e) => e.attrs.filter((a) => ['src', 'href', 'xlink:href', 'srcset', 'action', 'data'].includes(a.name)).map((a) => a.value));
        expect(refs, f).toEqual([]);
        expect(
          els.some((e) => ['script', 'link', 'iframe', 'img', 'object', 'embed'].includes(e.tagName)),
          f,
        ).toBe(false);
        expect(html, f).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
        expect(html, f).not.toMatch(/@import/);
        if (/weekly|monthly|quarterly/.test(f)) expect(els.filter((e) => e.tagName === 'svg').length, f).toBeGreaterThanOrEqual(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
