import type { Alert } from '../../shared/alert.js';
import { SocdeckError } from '../../shared/errors.js';
import { defineModule } from '../module.js';
import { observeAlert } from './alert-observer.js';
import { loadCalendars } from './calendar-files.js';
import { clockId, type SlaClockRecord } from './clock-record.js';
import { ClockService } from './clock-service.js';
import { SlaConfig } from './sla-config.js';
import { ALERTS, SLA_CLOCKS } from '../collections.js';

/** The collection the alert queue's source of truth lives in (owned by triage). */
const FINISHED = new Set(['resolved', 'closed']);

/**
 * SLA clocks for every item kind. Alerts are watched through `alerts.upserted`; other kinds
 * report through `sla.observed` (see observation.ts). Clocks are stored in `sla_clocks`,
 * breaches in `sla_breaches`, and escalation notifications go to the notify outbox.
 */
export const slaModule = () => {
  const unsubscribe: (() => void)[] = [];
  let service: ClockService | undefined;
  return defineModule<SlaConfig>({
    name: 'sla',
    configSchema: SlaConfig,
    async start(ctx) {
      const cfg = ctx.config;
      const calendars = loadCalendars(cfg.calendarsDir);
      cfg.policies.forEach((p, i) => {
        if (!calendars.has(p.calendar)) {
          throw new SocdeckError('config_invalid', `sla.policies.${i}.calendar: unknown calendar "${p.calendar}" (in ${cfg.calendarsDir}: ${[...calendars.keys()].join(', ')})`);
        }
        if (p.escalation.some((s, j) => p.escalation.findIndex((t) => t.at === s.at) !== j)) {
          throw new SocdeckError('config_invalid', `sla.policies.${i}.escalation: two steps at the same percentage`);
        }
      });
      const svc = new ClockService(cfg, calendars, ctx.store, ctx.bus, ctx.clock, ctx.log);
      service = svc;

      const leader = ctx.isLeader;
      if (leader()) await svc.recompute();
      // Heal a crash between an alert commit and its clock: every open alert is observed again
      // (a no-op for alerts whose clock already has that state).
      const open = ctx.store.values<Alert>(ALERTS).filter((a) => !FINISHED.has(a.state) || ctx.store.get(SLA_CLOCKS, clockId('alert', a.id)));
      if (leader()) await svc.observe(open.map((a) => observeAlert(a, ctx.clock.now())));

      // Clocks are the leader's: it hears of every member's alerts through the store.
      unsubscribe.push(
        ctx.bus.on('alerts.upserted', (alerts) => void (leader() && svc.observe(alerts.map((a) => observeAlert(a, ctx.clock.now()))))),
        ctx.bus.on('alerts.removed', (ids) => void (leader() && svc.remove('alert', ids))),
        ctx.bus.on('sla.observed', (items) => void (leader() && svc.observe(items))),
      );
      ctx.scheduler.every('sla.tick', cfg.tickMs, async () => void (await svc.tick()));

      ctx.rpc.register('sla.list', (params) => {
        const q = params ?? {};
        return svc.list(q, q.limit ?? 500);
      });
      ctx.rpc.register('sla.get', ({ kind, id }) => {
        const rec = ctx.store.get<SlaClockRecord>(SLA_CLOCKS, clockId(kind, id));
        if (!rec) throw new SocdeckError('not_found', `no SLA clock for ${kind} ${id}`);
        return svc.describe(rec);
      });
      ctx.rpc.register('sla.breaches', (params) => {
        const q = params ?? {};
        const all = svc.breaches(q);
        return { breaches: all.slice(0, q.limit ?? 500), total: all.length };
      });
    },
    async stop() {
      for (const u of unsubscribe.splice(0)) u();
      await service?.idle();
      service = undefined;
    },
  });
};
