import { afterEach, describe, expect, it } from 'vitest';
import type { ReportEntry } from '../../../src/shared/report.js';
import { openReport, reportsSelection } from '../../../src/tui/views/reports-actions.js';
import { ViewStore } from '../../../src/tui/view-store.js';

const entry: ReportEntry = { id: 'default/weekly/2026-W47.en.md', kind: 'weekly', customer: 'default', subject: '2026-W47', lang: 'en', format: 'md', path: '/dev/null', bytes: 0, createdAt: '2026-11-23T01:00:00.000Z', createdBy: 'alice' };

describe('opening a report in the pager', () => {
  afterEach(() => reportsSelection.setRows([]));

  it('runs the pager on the file, redraws, and shows the path', () => {
    reportsSelection.setRows([entry]);
    const store = new ViewStore();
    const written: string[] = [];
    openReport({ store, quit: () => {}, write: (s) => written.push(s) }, 'true');
    expect(store.getState().message).toEqual({ text: '/dev/null', level: 'info' });
    expect(written).toEqual(['\x1b[2J\x1b[H']);
  });

  it('names the pager and the file when the pager fails', () => {
    reportsSelection.setRows([entry]);
    const store = new ViewStore();
    openReport({ store, quit: () => {} }, 'false');
    expect(store.getState().message).toEqual({ text: 'pager "false" failed on /dev/null: exit 1', level: 'error' });
  });

  it('says so when nothing is selected', () => {
    const store = new ViewStore();
    openReport({ store, quit: () => {} }, 'true');
    expect(store.getState().message?.text).toBe('no report selected');
  });
});
