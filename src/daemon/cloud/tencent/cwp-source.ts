import { SocdeckError } from '../../../shared/errors.js';
import type { ModuleContext } from '../../module.js';
import type { IngestConfig, TencentCwpSourceConfig } from '../../sources/ingest-config.js';
import type { SourceReporter } from '../../sources/source-reporter.js';
import { tencentAccounts } from './accounts.js';
import { CwpPoller } from './cwp-poller.js';

/** The pollers of each account's sources, so `socdeck cloud sync` can poll an account's CWP now. */
const POLLERS = new WeakMap<object, Map<string, { source: string; poller: CwpPoller }[]>>();

export function cwpPollersOf(store: object, account: string): { source: string; poller: CwpPoller }[] {
  return POLLERS.get(store)?.get(account) ?? [];
}

/** Starts a `kind: tencent-cwp` source: the clouds module (started before ingest) holds its account. */
export function startTencentCwpSource(ctx: ModuleContext<IngestConfig>, src: TencentCwpSourceConfig, reporter: SourceReporter): void {
  const account = tencentAccounts(ctx.store).get(src.account);
  if (!account)
    throw new SocdeckError('config_invalid', `ingest.sources ${src.name}: account "${src.account}" is not in clouds.tencent (known: ${[...tencentAccounts(ctx.store).keys()].join(', ') || 'none'})`);
  const poller = new CwpPoller({
    cfg: { name: src.name, account: src.account, customer: src.customer, eventTypes: src.eventTypes, pageSize: src.pageSize, maxPagesPerRun: src.maxPagesPerRun },
    account,
    intake: ctx.intake,
    store: ctx.store,
    log: ctx.log.child(src.name),
    reporter,
    now: () => ctx.clock.now(),
  });
  let byAccount = POLLERS.get(ctx.store);
  if (!byAccount) POLLERS.set(ctx.store, (byAccount = new Map()));
  byAccount.set(src.account, [...(byAccount.get(src.account) ?? []), { source: src.name, poller }]);
  const job = `source:${src.name}`;
  ctx.scheduler.every(job, src.intervalMs, async (signal) => void (await poller.run(signal)));
  void ctx.scheduler.run(job);
}
