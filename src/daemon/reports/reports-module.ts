import { auditOp } from '../audit/audit-log.js';
import { defineModule } from '../module.js';
import { MAX_INLINE_REPORT_BYTES } from '../../shared/report.js';
import { ReportsConfig } from './reports-config.js';
import { ReportService } from './report-service.js';

/** Scheduled runs attribute their reports to this actor. */
export const SCHEDULER_ACTOR = 'scheduler';

const PERIODIC = ['weekly', 'monthly', 'quarterly'] as const;

/** Deliverables: on-demand builds over RPC, cron runs per customer, archive + index on disk. */
export const reportsModule = () =>
  defineModule<ReportsConfig>({
    name: 'reports',
    configSchema: ReportsConfig,
    start(ctx) {
      const cfg = ctx.config;
      const svc = new ReportService(cfg, ctx.store, ctx.dataDir, () => ctx.clock.now());

      ctx.rpc.register('reports.build', async (p, session) => {
        const [out] = svc.produce({
          kind: p.kind,
          customer: p.customer ?? 'default',
          formats: [p.format ?? 'html'],
          actor: session.actor,
          ...(p.lang ? { lang: p.lang } : {}),
          ...(p.period ? { period: p.period } : {}),
          ...(p.id ? { id: p.id } : {}),
        });
        const { entry } = out!;
        // A deliverable for a customer: who built which one stays in the audit log (the archive keeps only the latest build of a subject).
        await ctx.store.commit([
          auditOp({
            at: entry.createdAt,
            actor: session.actor,
            action: 'report.build',
            target: { kind: 'report', id: entry.id },
            before: {},
            after: { kind: entry.kind, customer: entry.customer, subject: entry.subject, format: entry.format },
          }),
        ]);
        ctx.log.info('report built', { id: entry.id, actor: session.actor });
        return { entry, ...(entry.bytes <= MAX_INLINE_REPORT_BYTES ? { content: out!.content } : {}) };
      });

      ctx.rpc.register('reports.list', (p) => {
        const all = svc.archive.list().filter((e) => (!p?.customer || e.customer === p.customer) && (!p?.kind || e.kind === p.kind));
        return { reports: all.slice(0, p?.limit ?? 200), total: all.length };
      });

      if (!cfg.schedule.enabled) return;
      for (const kind of PERIODIC) {
        ctx.scheduler.cron(
          `reports.${kind}`,
          cfg.schedule[kind],
          () => {
            for (const customer of Object.keys(cfg.customers)) {
              const outs = svc.produce({ kind, customer, formats: cfg.formats, actor: SCHEDULER_ACTOR });
              ctx.log.info('scheduled report written', { kind, customer, files: outs.map((o) => o.entry.id) });
            }
          },
          cfg.timeZone,
        );
      }
    },
    // Cron jobs belong to the scheduler, which the daemon stops; nothing else is held open.
    stop() {},
  });
