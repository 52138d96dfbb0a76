import { describe, expect, it } from 'vitest';
import { hasAction, runBinding } from '../../../src/tui/key-actions.js';
import { BINDINGS } from '../../../src/tui/key-bindings.js';
import { DEFAULT_KEYS } from '../../../src/tui/key-table.js';
import type { ActionContext } from '../../../src/tui/triage-actions.js';
import { VIEW_REGISTRY } from '../../../src/tui/views/index.js';
import { leaksSelection } from '../../../src/tui/views/leaks/leaks-selection.js';
import { reportsSelection } from '../../../src/tui/views/reports/reports-actions.js';
import { newStore } from './render-app.js';

describe('the view registry', () => {
  it('gives every binding in the table an action, and lists each view binding in its own record', () => {
    for (const b of BINDINGS) expect(hasAction(b.id), b.id).toBe(true);
    for (const [view, record] of Object.entries(VIEW_REGISTRY)) {
      for (const b of record.bindings) expect(b.scope, b.id).toBe(view);
      expect(BINDINGS.filter((b) => b.scope === view).map((b) => b.id)).toEqual(record.bindings.map((b) => b.id));
    }
  });

  it('binds the generic list keys once: the same key moves whichever list the view shows', () => {
    const store = newStore();
    const ctx: ActionContext = { store, quit: () => {}, write: () => {} } as ActionContext;
    const press = (key: string) => {
      const s = store.getState();
      const b = DEFAULT_KEYS.find({ ...s, listView: VIEW_REGISTRY[s.view]?.list !== undefined }, key);
      if (b) runBinding(b, ctx);
      return b?.id;
    };
    leaksSelection.setRows([{ id: 'l1' }, { id: 'l2' }, { id: 'l3' }] as never);
    store.update({ view: 'leaks' });
    expect(press('j')).toBe('down');
    expect(press('G')).toBe('bottom');
    expect(leaksSelection.get().cursor).toBe(2);
    expect(press('enter')).toBe('open');
    expect(leaksSelection.get().open).toBe(true);

    // A view's own key shadows the generic one: enter opens the pager in :reports.
    reportsSelection.setRows([{ id: 'r1' }, { id: 'r2' }] as never);
    store.update({ view: 'reports' });
    expect(DEFAULT_KEYS.find({ ...store.getState(), listView: true }, 'enter')?.id).toBe('reports-open');
    expect(press('j')).toBe('down');
    expect(reportsSelection.get().cursor).toBe(1);
    expect(leaksSelection.get().cursor).toBe(2);

    // A view without a cursor has no list keys.
    store.update({ view: 'audit' });
    expect(press('j')).toBeUndefined();
  });
});
