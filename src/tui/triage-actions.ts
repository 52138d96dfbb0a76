import { Disposition, MAX_NOTE_LENGTH, type Alert } from '../shared/alert.js';
import { isSocdeckError } from '../shared/errors.js';
import { formatAgo, parseUntil } from '../shared/filter/index.js';
import type { MethodName, MethodParams, MethodResult } from '../shared/protocol.js';
import type { ActionMethod, ConflictInfo } from '../shared/triage.js';
import { editInEditor, NOTE_COMMENT } from './note-editor.js';
import type { TerminalHandOff } from './terminal-handoff.js';
import type { ViewStore } from './view-store.js';

/** The part of the WebSocket client the TUI's actions use (SocdeckClient in the app). */
export interface DaemonLike {
  request<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResult<M>>;
}

export interface ActionContext {
  store: ViewStore;
  quit(): void;
  /** Undefined while detached (and in component tests that render without a daemon). */
  daemon?: DaemonLike | undefined;
  /** Re-subscribe for a fresh snapshot. */
  resync?: (() => void) | undefined;
  /** Raw terminal output, for OSC 52 copy. */
  write?: ((s: string) => void) | undefined;
  /** Hands the terminal to an editor or pager; undefined where there is no terminal (component tests without Ink). */
  terminal?: TerminalHandOff | undefined;
}

const info = (store: ViewStore, text: string) => store.update({ message: { text, level: 'info' } });
const fail = (store: ViewStore, text: string) => store.update({ message: { text, level: 'error' } });

/** "a0001 was changed by bob 3 s ago (take) — r refreshes": what the analyst needs to decide what to do. */
export function describeFailure(err: unknown, now: number): string {
  if (!isSocdeckError(err)) return err instanceof Error ? err.message : String(err);
  const conflicts = err.details?.conflicts as ConflictInfo[] | undefined;
  const c = conflicts?.[0];
  if (err.code === 'conflict' && c) {
    const more = conflicts.length > 1 ? ` (+${conflicts.length - 1} more)` : '';
    return `${c.id} was changed by ${c.changedBy} ${formatAgo(now - Date.parse(c.changedAt))} ago (${c.action})${more}; nothing was changed, look again and retry`;
  }
  return err.message;
}

const plural = (n: number) => `${n} alert${n === 1 ? '' : 's'}`;

/** Sends one action for the marked rows (or the cursor row) with the revisions this client saw. */
export function act(ctx: ActionContext, method: ActionMethod, extra: Record<string, unknown>, past: string, targets: Alert[] = ctx.store.targets()): void {
  const { store, daemon } = ctx;
  if (targets.length === 0) return fail(store, 'no alert selected');
  if (!daemon) return fail(store, 'not attached to a daemon');
  const params = { targets: targets.map((a) => ({ id: a.id, rev: a.rev })), ...extra } as MethodParams<'alerts.ack'>;
  daemon.request(method as 'alerts.ack', params).then(
    (res) => {
      store.update({ marks: new Set() });
      info(store, `${past} ${plural(res.updated.length)}${res.incidentId ? ` → incident ${res.incidentId}` : ''}`);
    },
    (err: unknown) => fail(store, describeFailure(err, store.now())),
  );
}

/** Opens a one-line input prompt in the footer. */
export function ask(ctx: ActionContext, label: string, submit: (text: string) => string | undefined): void {
  ctx.store.update({ prompt: { kind: 'input', label, text: '', submit }, message: undefined });
}

export const DISPOSITIONS = Disposition.options;

export function startClose(ctx: ActionContext): void {
  if (ctx.store.targets().length === 0) return fail(ctx.store, 'no alert selected');
  ctx.store.update({ overlay: 'disposition', message: undefined });
}

/** Second step of `c`: the disposition is picked, now the reason (required for false_positive). */
export function pickDisposition(ctx: ActionContext, index: number): void {
  const disposition = DISPOSITIONS[index];
  if (!disposition) return;
  ctx.store.update({ overlay: undefined });
  // Targets are fixed now, so rows moving under the cursor while the reason is typed change nothing.
  const targets = ctx.store.targets();
  const required = disposition === 'false_positive';
  ask(ctx, `close ${plural(targets.length)} as ${disposition}, reason${required ? '' : ' (optional)'}: `, (text) => {
    const reason = text.trim();
    if (required && !reason) return 'a false_positive close needs a reason';
    act(ctx, 'alerts.close', { disposition, ...(reason ? { reason } : {}) }, `closed (${disposition})`, targets);
    return undefined;
  });
}

/** Why a note cannot be sent, if it cannot: the daemon would refuse it the same way. */
function noteProblem(note: string): string | undefined {
  if (!note) return 'the note is empty';
  if (note.length > MAX_NOTE_LENGTH) return `the note is ${note.length} characters; the limit is ${MAX_NOTE_LENGTH}`;
  return undefined;
}

/** The one way a note is added, from the prompt (`n`) or the editor (`N`); returns why not, if it is not. */
function addNote(ctx: ActionContext, targets: Alert[], text: string): string | undefined {
  const note = text.trim();
  const problem = noteProblem(note);
  if (problem) return problem;
  act(ctx, 'alerts.note', { text: note }, 'noted', targets);
  return undefined;
}

export function startNote(ctx: ActionContext): void {
  const targets = ctx.store.targets();
  if (targets.length === 0) return fail(ctx.store, 'no alert selected');
  ask(ctx, `note on ${plural(targets.length)}: `, (text) => addNote(ctx, targets, text));
}

/** `N`: a long note written in $VISUAL/$EDITOR. Nothing is added when the analyst saves it empty or the editor fails. */
export function startLongNote(ctx: ActionContext): void {
  const targets = ctx.store.targets();
  if (targets.length === 0) return fail(ctx.store, 'no alert selected');
  if (!ctx.terminal) return fail(ctx.store, 'no terminal to run an editor in');
  const ids =
    targets.length > 3
      ? `${targets
          .slice(0, 3)
          .map((a) => a.id)
          .join(', ')} and ${targets.length - 3} more`
      : targets.map((a) => a.id).join(', ');
  const header = `note on ${plural(targets.length)} (${ids}). Lines starting with "${NOTE_COMMENT}" are removed; save it empty to add nothing.`;
  // Checked while the editor can still reopen on the text, so a refused note is not lost.
  const r = editInEditor(ctx.terminal, header, noteProblem);
  if (r.kind === 'failed') return fail(ctx.store, r.reason);
  if (r.kind === 'empty') return info(ctx.store, 'empty note: nothing added');
  addNote(ctx, targets, r.text);
}

export function startSnooze(ctx: ActionContext): void {
  const targets = ctx.store.targets();
  if (targets.length === 0) return fail(ctx.store, 'no alert selected');
  ask(ctx, `snooze ${plural(targets.length)} until (30m, 2h, 1d or ISO time): `, (text) => {
    const until = parseUntil(text.trim(), ctx.store.now());
    if (until === undefined) return `"${text.trim()}" is not a duration (30m, 2h, 1d) or an ISO time`;
    act(ctx, 'alerts.snooze', { until: new Date(until).toISOString() }, 'snoozed', targets);
    return undefined;
  });
}

/** `y`: the selected alert as JSON to the terminal's clipboard (OSC 52 works over SSH). */
export function copyAlert(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const a = s.rows[s.cursor];
  if (!a) return fail(ctx.store, 'no alert selected');
  const json = JSON.stringify(a, null, 2);
  ctx.write?.(`\x1b]52;c;${Buffer.from(json).toString('base64')}\x07`);
  info(ctx.store, `copied ${a.id} as JSON (${json.length} bytes) via OSC 52`);
}
