import { z } from 'zod';
import { OperatorClass } from '../../shared/incident-grade.js';
import type { PlaybookVersion } from '../../shared/playbook.js';
import { defineModule } from '../module.js';
import { registerIncidentMethods } from './incident-methods.js';
import { IncidentService } from './incident-service.js';
import { PLAYBOOK_CATALOG } from '../collections.js';

export const IncidentsConfig = z
  .object({
    /** Safety net for triage seeds written without an alert change to announce them. */
    adoptIntervalMs: z.number().int().min(100).max(600_000).default(5000),
    /** Per customer id: the operator class under 《国家网络安全事件报告管理办法》, which picks the reporting deadline (sla policy `report-<class>`). */
    customers: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'customer ids use letters, digits, . _ -'), z.object({ operatorClass: OperatorClass.default('other') }).strict()).default({}),
  })
  .strict();
export type IncidentsConfig = z.infer<typeof IncidentsConfig>;

/** Incident cases; reads playbooks from the catalog the playbooks module keeps in the store. */
export const incidentsModule = () => {
  let off: (() => void) | undefined;
  return defineModule<IncidentsConfig>({
    name: 'incidents',
    configSchema: IncidentsConfig,
    async start(ctx) {
      const playbook = (id: string) => ctx.store.get<PlaybookVersion>(PLAYBOOK_CATALOG, id);
      const operatorClass = (customer: string) => ctx.config.customers[customer]?.operatorClass ?? 'other';
      const svc = new IncidentService({ store: ctx.store, bus: ctx.bus, clock: ctx.clock, playbook, operatorClass });
      // One adoption at a time: two overlapping passes would both rewrite the same seed.
      let adopting: Promise<string[]> | undefined;
      const adopt = async (): Promise<string[]> => {
        while (adopting) await adopting;
        adopting = svc.adoptPending().finally(() => (adopting = undefined));
        return adopting;
      };
      // Adoption is the cluster leader's, like the timer below.
      if (ctx.isLeader()) await adopt();
      svc.observeAll();
      registerIncidentMethods(ctx.rpc, svc, { store: ctx.store, clock: ctx.clock, adopt, playbook });
      off = ctx.bus.on('alerts.upserted', (alerts) => {
        if (ctx.isLeader() && alerts.some((a) => a.incidentId)) void adopt().catch((err: unknown) => ctx.log.error(`incidents: adopting escalations failed: ${String(err)}`));
      });
      ctx.scheduler.every('incidents.adopt', ctx.config.adoptIntervalMs, async () => void (await adopt()));
    },
    stop() {
      off?.();
    },
  });
};
