import type { Logger } from '../../logger.js';
import type { SourceReporter } from '../../sources/source-reporter.js';
import type { Store, StoreOp } from '../../store/store.js';
import { CLOUD_ACCOUNTS, CWP_CURSORS } from '../../collections.js';
import type { IncomingRecord, Intake } from '../../intake.js';
import { accountState, CallLedger, type TencentAccount } from './accounts.js';
import { CWP_EVENT_TYPES, type CwpEventType } from './cwp-events.js';
import { cwpTime } from './cwp-parser.js';

/**
 * Where one event type's polling stands: the newest event time taken, the ids taken at exactly
 * that time (the next page may repeat it), and how far into the ascending list that was.
 */
export interface CwpCursor {
  source: string;
  type: CwpEventType;
  time: string;
  ids: string[];
  offset: number;
}

export interface CwpSourceSettings {
  name: string;
  account: string;
  customer?: string;
  eventTypes: readonly CwpEventType[];
  pageSize: number;
  maxPagesPerRun: number;
}

export interface CwpPollerDeps {
  cfg: CwpSourceSettings;
  account: TencentAccount;
  intake: Intake;
  store: Store;
  log: Logger;
  reporter: SourceReporter;
  now: () => number;
}

type Item = Record<string, unknown>;

function itemId(type: CwpEventType, it: Item): string {
  return String(type === 'vul' ? it.VulId : (it.Id ?? `${it.Quuid ?? ''}|${it.Url ?? ''}`));
}

/**
 * Polls the CWP event list APIs of one account into the alert queue. Each page is committed
 * with its event type's cursor in one journal entry, so a restart resumes after the last page
 * taken: nothing lost, nothing twice. One API refused or down does not stop the others.
 */
export class CwpPoller {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly d: CwpPollerDeps) {}

  private cursorId(type: CwpEventType): string {
    return `${this.d.cfg.name}:${type}`;
  }

  /** Runs one poll after any poll in progress (the schedule and `cloud sync` share it), never two at once. */
  run(signal: AbortSignal): Promise<string[]> {
    const next = this.queue.then(() => this.poll(signal));
    this.queue = next.then(
      () => {},
      () => {},
    );
    return next;
  }

  /** The problems of this poll, one line each (a refused permission, an API that stayed down). */
  private async poll(signal: AbortSignal): Promise<string[]> {
    const { cfg, account } = this.d;
    const ledger = new CallLedger();
    for (const type of cfg.eventTypes) {
      if (signal.aborted) break;
      try {
        await this.pollType(type, signal);
        ledger.succeeded(`cwp:${CWP_EVENT_TYPES[type].action}`);
      } catch (err) {
        if (signal.aborted || !ledger.record(err)) throw err;
      }
    }
    const at = new Date(this.d.now()).toISOString();
    const state = ledger.apply(accountState(this.d.store, account.cfg), at, 'poll');
    await this.d.store.commit([{ op: 'put', coll: CLOUD_ACCOUNTS, id: account.cfg.name, value: state }]);
    const problems = ledger.messages(account.cfg.name);
    if (problems.length) {
      this.d.log.warn('tencent-cwp poll incomplete', { problems });
      this.d.reporter.set('error', problems.join('; '));
    } else this.d.reporter.set('running');
    return problems;
  }

  private async pollType(type: CwpEventType, signal: AbortSignal): Promise<void> {
    const { cfg, account } = this.d;
    const spec = CWP_EVENT_TYPES[type];
    let cursor = this.d.store.get<CwpCursor>(CWP_CURSORS, this.cursorId(type));
    // One page back: events the console deleted before the cursor would otherwise shift new ones past it.
    let offset = Math.max(0, (cursor?.offset ?? 0) - cfg.pageSize);
    for (let page = 0; page < cfg.maxPagesPerRun && !signal.aborted; page++) {
      const res = await account.api.call<Record<string, unknown>>('cwp', spec.action, { Limit: cfg.pageSize, Offset: offset, By: spec.by, Order: spec.order }, { signal });
      const items = Array.isArray(res[spec.list]) ? (res[spec.list] as Item[]) : [];
      const fresh: IncomingRecord[] = [];
      let next = cursor;
      for (const it of items) {
        const time = cwpTime(it[spec.time]) ?? '';
        const id = itemId(type, it);
        if (next && (time < next.time || (time === next.time && next.ids.includes(id)))) continue;
        fresh.push({ raw: JSON.stringify(it), value: it, origin: `${account.cfg.name}/${spec.action}/${id}` });
        next = next && time === next.time ? { ...next, ids: [...next.ids, id] } : { source: cfg.name, type, time, ids: [id], offset: 0 };
      }
      offset += items.length;
      if (next) next = { ...next, offset: Math.max(offset, next.offset) };
      if (next && (fresh.length > 0 || next.offset !== cursor?.offset)) {
        const ops: StoreOp[] = [{ op: 'put', coll: CWP_CURSORS, id: this.cursorId(type), value: next }];
        const r = await this.d.intake.ingest(cfg.name, fresh, { format: 'tencent-cwp', customer: cfg.customer ?? account.cfg.customer, extraOps: ops });
        this.d.reporter.counted(r.accepted);
        if (r.rejected.length) this.d.log.warn('tencent-cwp records quarantined', { type, rejected: r.rejected.length });
        cursor = next;
      }
      if (items.length < cfg.pageSize) break;
    }
  }
}
