import { formatAgo, parseUntil } from '../shared/filter/index.js';
import { describeFailure, type ActionContext } from './triage-actions.js';
import { switchCustomer } from './identity-sync.js';
import { loadTriageContext } from './triage-sync.js';
import { isViewId, VIEWS } from './view-store.js';

/** Words the `:` prompt completes with tab; views come from the VIEWS table. */
export function commandWords(): string[] {
  return [...Object.keys(VIEWS), 'filter', 'filter save', 'suppress', 'customer', 'help', 'quit'];
}

/** Tab completion: the longest common prefix of the candidates, or the text unchanged. */
export function complete(text: string, savedFilterNames: readonly string[] = []): string {
  const lower = text.toLowerCase();
  const words = [...commandWords(), ...savedFilterNames.map((n) => `filter ${n}`)];
  const hits = words.filter((w) => w.startsWith(lower));
  if (hits.length === 0) return text;
  let prefix = hits[0]!;
  for (const h of hits) while (!h.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return hits.length === 1 ? `${prefix} ` : prefix.length > text.length ? prefix : text;
}

function withDaemon(ctx: ActionContext, run: (ctx: Required<Pick<ActionContext, 'daemon'>> & ActionContext) => Promise<string>): void {
  const daemon = ctx.daemon;
  if (!daemon) return ctx.store.update({ message: { text: 'not attached to a daemon', level: 'error' } });
  run({ ...ctx, daemon }).then(
    (text) => ctx.store.update({ message: { text, level: 'info' } }),
    (err: unknown) => ctx.store.update({ message: { text: describeFailure(err, ctx.store.now()), level: 'error' } }),
  );
}

/** `:filter`, `:filter NAME`, `:filter save NAME`. */
function filterCommand(args: string[], ctx: ActionContext): string | undefined {
  const s = ctx.store.getState();
  if (args.length === 0) {
    ctx.store.setFilter('');
    return undefined;
  }
  if (args[0] === 'save') {
    const name = args[1];
    if (!name) return 'usage: filter save NAME';
    const text = s.filter?.text;
    if (!text) return 'no active filter to save: type one with / first';
    withDaemon(ctx, async (c) => {
      await c.daemon.request('filters.save', { name, filter: text });
      await loadTriageContext(c);
      return `saved filter ${name}: ${text}`;
    });
    return undefined;
  }
  const saved = s.savedFilters.find((f) => f.name === args[0]);
  if (!saved) return `no saved filter "${args[0]}" (have: ${s.savedFilters.map((f) => f.name).join(', ') || 'none'})`;
  ctx.store.setFilter(saved.filter);
  return undefined;
}

/** `:suppress DURATION REASON…` hides what the active filter matches, for that long, with that reason. */
function suppressCommand(args: string[], ctx: ActionContext): string | undefined {
  const filter = ctx.store.getState().filter?.text;
  if (!filter) return 'suppress hides what the active filter matches: type one with / first';
  const [dur, ...reasonWords] = args;
  const until = dur ? parseUntil(dur, ctx.store.now()) : undefined;
  if (until === undefined || reasonWords.length === 0) return 'usage: suppress DURATION REASON… (e.g. suppress 7d pen test on web-01)';
  withDaemon(ctx, async (c) => {
    const rule = await c.daemon.request('suppressions.add', { filter, reason: reasonWords.join(' '), until: new Date(until).toISOString() });
    await loadTriageContext(c);
    ctx.store.setFilter('');
    return `suppressed ${rule.matching} alert(s) matching "${filter}" for ${formatAgo(until - ctx.store.now())} (${rule.id})`;
  });
  return undefined;
}

/** Runs a `:` command line. Returns an error message for the footer, or undefined on success. */
export function runCommand(text: string, ctx: ActionContext): string | undefined {
  const [word = '', ...args] = text.trim().split(/\s+/);
  const cmd = word.toLowerCase();
  if (cmd === '') return undefined;
  if (cmd === 'q' || cmd === 'quit') {
    ctx.quit();
    return undefined;
  }
  if (cmd === 'help') {
    ctx.store.update({ overlay: 'help' });
    return undefined;
  }
  if (cmd === 'filter') return filterCommand(args, ctx);
  if (cmd === 'suppress') return suppressCommand(args, ctx);
  if (cmd === 'customer') {
    const name = args[0];
    if (!name) return 'usage: customer NAME|all';
    withDaemon(ctx, async (c) => {
      const text = await switchCustomer(c.store, c.daemon, name);
      c.resync?.();
      return text;
    });
    return undefined;
  }
  const view = cmd === 'alert' ? 'alerts' : cmd;
  if (isViewId(view)) {
    ctx.store.update({ view, overlay: undefined });
    return undefined;
  }
  return `unknown command "${cmd}": try ${commandWords().join(', ')}`;
}
