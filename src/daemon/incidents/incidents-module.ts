import { z } from 'zod';
import type { PlaybookVersion } from '../../shared/playbook.js';
import { defineModule } from '../module.js';
import { registerIncidentMethods } from './incident-methods.js';
import { IncidentService } from './incident-service.js';
import { PLAYBOOK_CATALOG } from '../collections.js';

export const IncidentsConfig = z
  .object({
    /** Safety net for triage seeds written without an alert change to announce them. */
    adoptIntervalMs: z.number().int().min(100).max(600_000).default(5000),
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
      const svc = new IncidentService({ store: ctx.store, bus: ctx.bus, clock: ctx.clock, playbook });
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
