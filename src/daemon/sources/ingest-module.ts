import { join } from 'node:path';
import { defineModule } from '../module.js';
import { AlertIntake } from './alert-intake.js';
import { attackEnricherFor } from './attack/attack-config.js';
import { ChunkParser } from './chunk-parser.js';
import { FileTail } from './file-tail.js';
import { HttpPoll } from './http-poll.js';
import { IngestConfig } from './ingest-config.js';
import { ParserSet } from './parsers/registry.js';
import { registerQuarantineMethods } from './quarantine-methods.js';
import { QuarantineSpill } from './quarantine-spill.js';
import { SourceReporter } from './source-reporter.js';
import { SyslogSource } from './syslog.js';
import { WEBHOOK_SLICE_RECORDS, webhookRoute, type WebhookSource } from './webhook.js';
import { startTencentCwpSource } from '../cloud/tencent/cwp-source.js';
import { RawLineParsers } from '../sigma/raw-line-parsers.js';
import { SigmaSource } from '../sigma/sigma-source.js';

/**
 * The alert input side: configures intake (dedup window, caps, field mappings), starts every
 * configured source and serves the quarantine methods.
 */
export const ingestModule = () => {
  const stoppers: (() => Promise<void>)[] = [];
  return defineModule<IngestConfig>({
    name: 'ingest',
    configSchema: IngestConfig,
    async start(ctx) {
      const cfg = ctx.config;
      const intake = new AlertIntake(ctx.store, ctx.bus, ctx.clock);
      intake.configure({
        dedupWindowMs: cfg.dedupWindowSeconds * 1000,
        quarantineRawBytes: cfg.quarantineRawBytes,
        quarantineMaxEntries: cfg.quarantineMaxEntries,
        parsers: new ParserSet(cfg.mappings),
        warn: (msg) => ctx.log.warn(msg),
        enrich: attackEnricherFor(cfg.attack).enrich,
        spill: new QuarantineSpill(join(ctx.dataDir, 'quarantine'), cfg.quarantineSpillMaxBytes),
      });
      ctx.intake.provide(intake);
      registerQuarantineMethods(ctx.rpc, ctx.store, intake, ctx.log);

      const common = { intake, keepBytes: cfg.quarantineRawBytes, batchMaxRecords: cfg.batchMaxRecords };
      const parser = new ChunkParser({ parsers: intake.parsers, mappings: cfg.mappings, worker: cfg.parseWorker, log: (msg) => ctx.log.warn(msg) });
      // Stopped last: the file tails are done with it by then.
      stoppers.push(() => parser.close());
      const webhooks = new Map<string, WebhookSource>();
      for (const src of cfg.sources) {
        const reporter = new SourceReporter(ctx.sources, src.name, src.kind);
        const log = ctx.log.child(src.name);
        const job = `source:${src.name}`;
        let rawLines: ChunkParser | undefined;
        let textLines = false;
        if ('detect' in src && src.detect === 'sigma' && src.sigma) {
          const sigma = new SigmaSource({ source: src.name, cfg: src.sigma, reporter, log, now: () => ctx.clock.now() });
          intake.setDetector(src.name, sigma.detect);
          sigma.watch();
          stoppers.push(() => sigma.close());
          textLines = sigma.readsTextLines;
          // Lines are read whole by the detector, so they are not parsed as alert records first.
          if (src.kind === 'file') rawLines = new ChunkParser({ parsers: new RawLineParsers(), mappings: [], worker: false, log: (msg) => ctx.log.warn(msg) });
        }
        if (src.kind === 'file') {
          const tail = new FileTail({ ...common, cfg: src, store: ctx.store, log, reporter, maxLineBytes: cfg.maxLineBytes, parser: rawLines ?? parser });
          ctx.scheduler.every(job, src.pollMs, () =>
            tail.poll().catch((err: unknown) => {
              reporter.set('error', err);
              throw err;
            }),
          );
          void ctx.scheduler.run(job);
          stoppers.push(() => tail.stop());
        } else if (src.kind === 'webhook') {
          webhooks.set(src.name, { cfg: src, reporter, lines: textLines });
          reporter.set('running');
        } else if (src.kind === 'syslog') {
          const syslog = new SyslogSource({ ...common, cfg: src, log, reporter });
          await syslog.start();
          ctx.scheduler.every(job, src.flushMs, () => syslog.flush(), { everyMember: true });
          stoppers.push(() => syslog.stop());
        } else if (src.kind === 'tencent-cwp') {
          startTencentCwpSource(ctx, src, reporter);
        } else {
          const poll = new HttpPoll({ cfg: src, intake, store: ctx.store, log, reporter, now: () => ctx.clock.now() });
          ctx.scheduler.every(job, src.intervalMs, (signal) => poll.run(signal));
          void ctx.scheduler.run(job);
        }
      }
      if (webhooks.size > 0) ctx.http.route(webhookRoute(webhooks, intake, { maxLineBytes: cfg.maxLineBytes, keepBytes: cfg.quarantineRawBytes, sliceRecords: WEBHOOK_SLICE_RECORDS }));
    },
    async stop() {
      for (const s of stoppers.splice(0).reverse()) await s();
    },
  });
};
