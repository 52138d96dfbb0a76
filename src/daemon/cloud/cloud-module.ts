import type { CloudAccountView } from '../../shared/cloud.js';
import { SocdeckError } from '../../shared/errors.js';
import { audited } from '../audit/audit-log.js';
import { defineModule } from '../module.js';
import type { Store } from '../store/store.js';
import { CloudsConfig } from './tencent/account-config.js';
import { accountState, tencentAccounts, type TencentAccount } from './tencent/accounts.js';
import { cwpPollersOf } from './tencent/cwp-source.js';
import { TencentClient } from './tencent/tencent-client.js';

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
export const cloudsModule = () =>
  defineModule<CloudsConfig>({
    name: 'clouds',
    configSchema: CloudsConfig,
    start(ctx) {
      const accounts = tencentAccounts(ctx.store);
      for (const cfg of ctx.config.tencent) accounts.set(cfg.name, { cfg, api: new TencentClient(cfg) });

      ctx.rpc.register('cloud.accounts', () => ({ accounts: [...accounts.values()].map((a) => view(ctx.store, a)) }));
      ctx.rpc.register('cloud.sync', async ({ name }, session) => {
        const account = accounts.get(name);
        if (!account) throw new SocdeckError('not_found', `no cloud account "${name}" (configured: ${[...accounts.keys()].join(', ') || 'none'})`);
        return audited(
          ctx.store,
          () => ctx.clock.now(),
          { actor: session.actor, action: 'cloud.sync', target: { kind: 'cloud-account', id: name } },
          async () => {
            const before = ctx.store.count('alerts');
            const problems: string[] = [];
            const signal = new AbortController().signal;
            for (const { poller } of cwpPollersOf(ctx.store, name)) problems.push(...(await poller.run(signal)));
            return { account: view(ctx.store, account), problems, collected: { alerts: ctx.store.count('alerts') - before } };
          },
          (r) => ({ status: r.account.status, problems: r.problems.length }),
        );
      });
    },
    stop() {},
  });
