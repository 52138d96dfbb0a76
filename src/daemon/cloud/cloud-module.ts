import type { CloudAccountView } from '../../shared/cloud.js';
import { SocdeckError } from '../../shared/errors.js';
import { inScope } from '../../shared/permissions.js';
import { audited } from '../audit/audit-log.js';
import { defineModule } from '../module.js';
import type { Store } from '../store/store.js';
import { CloudsConfig } from './tencent/account-config.js';
import { accountState, tencentAccounts, type TencentAccount } from './tencent/accounts.js';
import { cwpPollersOf } from './tencent/cwp-source.js';
import { TencentCos } from './tencent/cos-client.js';
import { TencentClient } from './tencent/tencent-client.js';
import { syncTencentAccount } from './tencent/account-sync.js';
import { TencentLeakPivot } from './tencent/leak-pivot.js';

function view(store: Store, a: TencentAccount): CloudAccountView {
  const s = accountState(store, a.cfg);
  return {
    ...s,
    regions: a.cfg.regions,
    ...(a.cfg.roleArn ? { roleArn: a.cfg.roleArn } : {}),
    sources: cwpPollersOf(store, a.cfg.name).map((p) => p.source),
  };
}

/**
 * Customers' cloud accounts (Tencent Cloud): builds each account's API client from its config
 * (secrets by reference), and serves `cloud.accounts` and `cloud.sync`. Started before ingest,
 * whose `tencent-cwp` sources use these accounts.
 */
export const cloudsModule = () => {
  let stop = () => {};
  let unsubscribe = () => {};
  return defineModule<CloudsConfig>({
    name: 'clouds',
    configSchema: CloudsConfig,
    start(ctx) {
      const accounts = tencentAccounts(ctx.store);
      for (const cfg of ctx.config.tencent) {
        const api = new TencentClient(cfg);
        accounts.set(cfg.name, { cfg, api, cos: new TencentCos(cfg, api), ownKeyId: api.secretId });
      }
      let pivot: TencentLeakPivot | undefined;
      const sync = async (a: TencentAccount, signal: AbortSignal) => {
        const out = await syncTencentAccount(ctx.store, ctx.dataDir, a, () => ctx.clock.now(), signal);
        pivot?.learn(a, out.keys);
        return out;
      };
      pivot = new TencentLeakPivot({ store: ctx.store, accounts, sync, now: () => ctx.clock.now() });
      const stopping = new AbortController();
      stop = () => stopping.abort();
      // A leaked Tencent SecretId: its calls in the owning account's CloudAudit, for the leak report.
      unsubscribe = ctx.bus.on('leak.detected', (leak) => {
        if (!TencentLeakPivot.applies(leak) || accounts.size === 0) return;
        pivot!.pivot(leak, stopping.signal).then(
          (a) => ctx.log.info('leak pivot done', { leak: leak.id, managed: a.managed, account: a.account, calls: a.total, outside: a.outside }),
          (err: unknown) => ctx.log.warn('leak pivot failed', { leak: leak.id, error: err instanceof Error ? err.message : String(err) }),
        );
      });
      const reportAccount = (a: TencentAccount, problems: string[]) =>
        ctx.sources.report({
          name: `tencent:${a.cfg.name}`,
          kind: 'tencent-account',
          state: problems.length ? 'error' : 'running',
          ingested: 0,
          ...(problems.length ? { lastError: problems.join('; ') } : {}),
        });
      for (const a of accounts.values()) {
        ctx.sources.report({ name: `tencent:${a.cfg.name}`, kind: 'tencent-account', state: 'idle', ingested: 0 });
        if (a.cfg.syncIntervalSeconds === 0) continue;
        const job = `cloud:tencent:${a.cfg.name}`;
        ctx.scheduler.every(job, a.cfg.syncIntervalSeconds * 1000, async (signal) => {
          const out = await sync(a, signal);
          reportAccount(a, out.problems);
          if (out.problems.length) ctx.log.warn('cloud sync incomplete', { account: a.cfg.name, problems: out.problems });
        });
        void ctx.scheduler.run(job);
      }

      ctx.rpc.register('cloud.accounts', (_p, session) => ({ accounts: [...accounts.values()].filter((a) => inScope(session.customers, a.cfg.customer)).map((a) => view(ctx.store, a)) }));
      ctx.rpc.register('cloud.sync', async ({ name }, session) => {
        const account = accounts.get(name);
        if (!account || !inScope(session.customers, account.cfg.customer))
          throw new SocdeckError(
            'not_found',
            `no cloud account "${name}" (configured: ${
              [...accounts.values()]
                .filter((a) => inScope(session.customers, a.cfg.customer))
                .map((a) => a.cfg.name)
                .join(', ') || 'none'
            })`,
          );
        return audited(
          ctx.store,
          () => ctx.clock.now(),
          { actor: session.actor, action: 'cloud.sync', target: { kind: 'cloud-account', id: name } },
          async () => {
            const before = ctx.store.count('alerts');
            const signal = new AbortController().signal;
            const out = await sync(account, signal);
            const problems = [...out.problems];
            for (const { poller } of cwpPollersOf(ctx.store, name)) problems.push(...(await poller.run(signal)));
            reportAccount(account, [...new Set(problems)]);
            return { account: view(ctx.store, account), problems: [...new Set(problems)], collected: { ...out.counts, alerts: ctx.store.count('alerts') - before } };
          },
          (r) => ({ status: r.account.status, problems: r.problems.length }),
        );
      });
    },
    stop() {
      stop();
      unsubscribe();
    },
  });
};
