import { z } from 'zod';
import { loadCatalogue } from '../attack-catalogue.js';
import { defineModule, type ModuleContext } from '../module.js';
import { compileRule, CorrelationRule, loadRulesFile } from './correlation-rules.js';
import { CorrelationService } from './correlation-service.js';

const CorrelationConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Rule files, applied in order; relative to the package root unless absolute. */
    ruleFiles: z.array(z.string()).default(['config/correlation/rules.yaml']),
    /** More rules inline; an id already used by a file replaces that rule. */
    rules: z.array(CorrelationRule).default([]),
    /** How often windows the alert stream has passed are dropped. */
    sweepIntervalMs: z.number().int().min(1000).max(3_600_000).default(60_000),
  })
  .strict();
type CorrelationConfig = z.infer<typeof CorrelationConfig>;

/** Attack-chain correlation: new alerts from the bus, cases into the store. */
export const correlationModule = () => {
  let unsubscribe = (): void => {};
  let service: CorrelationService | undefined;
  return defineModule<CorrelationConfig>({
    name: 'correlation',
    configSchema: CorrelationConfig,
    start(ctx: ModuleContext<CorrelationConfig>) {
      const byId = new Map<string, CorrelationRule>();
      for (const f of ctx.config.ruleFiles) for (const r of loadRulesFile(f)) byId.set(r.id, r);
      for (const r of ctx.config.rules) byId.set(r.id, r);
      if (!ctx.config.enabled) return;
      // The shipped catalogue, for kill-chain order of a case's tactics.
      const catalogue = loadCatalogue();
      const svc = new CorrelationService(ctx.store, ctx.clock, [...byId.values()].map(compileRule), catalogue, (msg, err) => ctx.log.error(msg, { error: String(err) }));
      service = svc;
      // In a cluster only the leader correlates, so two daemons never form the same case twice.
      unsubscribe = ctx.bus.on('alerts.upserted', (alerts) => {
        if (ctx.isLeader()) void svc.offer(alerts);
      });
      ctx.scheduler.every('correlation.sweep', ctx.config.sweepIntervalMs, async () => {
        await svc.sweep();
      });
      ctx.rpc.register('cases.list', (p, s) => svc.list(p ?? { limit: 500 }, s.customers));
      ctx.rpc.register('cases.get', (p, s) => svc.get(p.id, s.customers));
      ctx.rpc.register('cases.merge', (p, s) => svc.merge(p.ids, s.actor, s.customers));
      ctx.rpc.register('cases.split', (p, s) => svc.split(p.id, p.alertIds, s.actor, s.customers));
      ctx.rpc.register('cases.link', (p, s) => svc.link(p.id, p.incident, s.actor, s.customers));
      ctx.log.info('correlation rules loaded', { rules: byId.size });
    },
    async stop() {
      unsubscribe();
      await service?.idle();
    },
  });
};
