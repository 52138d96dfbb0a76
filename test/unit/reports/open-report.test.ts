import { afterEach, describe, expect, it } from 'vitest';
import type { ReportEntry } from '../../../src/shared/report.js';
import { createHandOff } from '../../../src/tui/terminal-handoff.js';
import { openReport, reportsSelection } from '../../../src/tui/views/reports/reports-actions.js';
import { ViewStore } from '../../../src/tui/view-store.js';

const entry: ReportEntry = {
  id: 'default/weekly/2026-W47.en.md',
  kind: 'weekly',
  customer: 'default',
  subject: '2026-W47',
  lang: 'en',
  format: 'md',
  path: '/dev/null',
  bytes: 0,
  createdAt: '2026-11-23T01:00:00.000Z',
  createdBy: 'alice',
};

/** A terminal that records what the hand-off does to it. */
function recordingTerminal() {
  const events: string[] = [];
  const terminal = createHandOff({ setRawMode: (on) => events.push(`raw ${on}`), write: (s) => events.push(JSON.stringify(s)), redraw: (s) => events.push(`redraw ${JSON.stringify(s)}`) });
  return { terminal, events };
}

describe('opening a report in the pager', () => {
  afterEach(() => reportsSelection.setRows([]));

  it('runs the pager on the file, redraws, and shows the path', () => {
    reportsSelection.setRows([entry]);
    const store = new ViewStore();
    const { terminal, events } = recordingTerminal();
    openReport({ store, quit: () => {}, terminal }, 'true');
    expect(store.getState().message).toEqual({ text: '/dev/null', level: 'info' });
    // Cooked mode and a cursor for the pager; raw mode back and the whole screen redrawn after.
    expect(events).toEqual(['raw false', JSON.stringify('\x1b[?25h'), 'raw true', `redraw ${JSON.stringify('\x1b[2J\x1b[H\x1b[?25l')}`]);
  });

  it('names the pager and the file when the pager fails', () => {
    reportsSelection.setRows([entry]);
    const store = new ViewStore();
    openReport({ store, quit: () => {}, terminal: recordingTerminal().terminal }, 'false');
    expect(store.getState().message).toEqual({ text: 'pager "false" failed on /dev/null: exit 1', level: 'error' });
  });

  it('says so when nothing is selected', () => {
    const store = new ViewStore();
    openReport({ store, quit: () => {}, terminal: recordingTerminal().terminal }, 'true');
    expect(store.getState().message?.text).toBe('no report selected');
  });
});
