import { z } from 'zod';
import { compileFilter, FilterError } from '../../shared/filter/index.js';
import { ACTION_METHODS, FilterName, type ActionMethod } from '../../shared/triage.js';
import { listAudit } from '../audit/audit-log.js';
import { defineModule, type ModuleContext, type RpcRegistry } from '../module.js';
import { SavedFilters } from './saved-filters.js';
import { SnoozeWaker } from './snooze-waker.js';
import { SuppressionRules } from './suppressions.js';
import { TriageService } from './triage-service.js';
import { replyBytes } from '../store/keyset-page.js';

const TriageConfig = z
  .object({
    /** How often snoozed alerts are checked for their wake-up time. */
    snoozeCheckMs: z.number().int().min(100).max(3_600_000).default(5000),
    /** Team filters by name, offered in the TUI (`:filter NAME`) next to analysts' saved ones. */
    savedFilters: z
      .record(FilterName, z.string().max(1000))
      .default({})
      .superRefine((filters, ctx) => {
        for (const [name, text] of Object.entries(filters)) {
          try {
            compileFilter(text);
          } catch (err) {
            if (err instanceof FilterError) ctx.addIssue({ code: 'custom', path: [name], message: `filter ${JSON.stringify(text)}: ${err.message}` });
            else throw err;
          }
        }
      }),
  })
  .strict();
type TriageConfig = z.infer<typeof TriageConfig>;

/** Registers one rpc method per workflow action; the schemas in shared/triage.ts validate params first. */
function registerActions(rpc: RpcRegistry, triage: TriageService): void {
  // Every action shares one result type; the cast only widens the method name for the registry.
  for (const m of ACTION_METHODS) rpc.register(m as 'alerts.ack', (params, session) => triage.act(m as ActionMethod, params as never, session.actor));
}

/** Analyst triage: workflow actions, audit log, suppression rules, saved filters, snooze wake-ups. */
export const triageModule = () =>
  defineModule<TriageConfig>({
    name: 'triage',
    configSchema: TriageConfig,
    start(ctx: ModuleContext<TriageConfig>) {
      const triage = new TriageService(ctx.store, ctx.bus, ctx.clock);
      const suppressions = new SuppressionRules(ctx.store, ctx.clock);
      const filters = new SavedFilters(ctx.store, ctx.clock, ctx.config.savedFilters);

      registerActions(ctx.rpc, triage);
      ctx.rpc.register('audit.list', (p, session) => listAudit(ctx.store, { ...p, limit: p?.limit ?? 200 }, replyBytes(session)));
      ctx.rpc.register('suppressions.add', (p, s) => suppressions.add(p, s.actor));
      ctx.rpc.register('suppressions.list', () => ({ rules: suppressions.list() }));
      ctx.rpc.register('suppressions.remove', async (p, s) => {
        await suppressions.remove(p.id, s.actor);
        return { ok: true as const };
      });
      ctx.rpc.register('filters.list', () => ({ filters: filters.list() }));
      ctx.rpc.register('filters.save', (p, s) => filters.save(p.name, p.filter, s.actor));
      const waker = new SnoozeWaker(ctx.store, ctx.bus, ctx.clock);
      ctx.scheduler.every('triage.snooze-wake', ctx.config.snoozeCheckMs, async () => {
        const n = await waker.wake();
        if (n > 0) ctx.log.info('snoozed alerts back in the queue', { count: n });
      });
    },
    stop() {
      // The scheduler owns the snooze timer and stops it with the daemon.
    },
  });
