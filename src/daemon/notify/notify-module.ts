import { SocdeckError } from '../../shared/errors.js';
import { audited } from '../audit/audit-log.js';
import { defineModule } from '../module.js';
import { resolveChannels, send } from './channel-set.js';
import { Delivery } from './delivery.js';
import { NotifyConfig } from './notify-config.js';
import { NotifyTemplate, OutboxState, type OutboxEntry } from './outbox.js';
import { render } from './templates.js';
import { NOTIFY_OUTBOX } from '../collections.js';

/** Outbound channels (WeCom, DingTalk, Feishu, Slack, generic webhook, email) fed by the durable outbox. */
export const notifyModule = () => {
  const unsubscribe: (() => void)[] = [];
  return defineModule<NotifyConfig>({
    name: 'notify',
    configSchema: NotifyConfig,
    start(ctx) {
      const cfg = ctx.config;
      const channels = resolveChannels(cfg);
      for (const ch of channels.values()) ctx.log.info('notify channel ready', { channel: ch.name, type: ch.config.type, ...ch.transport.summary });
      const delivery = new Delivery(cfg, channels, ctx.store, ctx.clock, ctx.log);
      ctx.scheduler.every('notify.deliver', cfg.tickMs, (signal) => delivery.pass(signal));
      unsubscribe.push(ctx.bus.on('notify.enqueued', () => void ctx.scheduler.run('notify.deliver')));

      ctx.rpc.register('notify.outbox', (params) => {
        const q = params ?? {};
        const all = ctx.store.values<OutboxEntry>(NOTIFY_OUTBOX);
        const matching = all.filter((e) => !q.state || e.state === q.state).sort((a, b) => b.order - a.order);
        const entries = matching.slice(0, q.limit ?? 200).map((e) => ({
          id: e.id,
          channel: e.channel,
          dedupKey: e.dedupKey,
          template: e.template,
          state: e.state,
          attempts: e.attempts,
          createdAt: e.createdAt,
          ...(e.state === OutboxState.Pending ? { nextAttemptAt: new Date(e.nextAttemptAt).toISOString() } : {}),
          ...(e.sentAt ? { sentAt: e.sentAt } : {}),
          ...(e.lastError ? { lastError: e.lastError } : {}),
        }));
        return { entries, total: matching.length, failed: all.filter((e) => e.state === OutboxState.Failed).length };
      });
      ctx.rpc.register('notify.test', async ({ channel, lang }, session) => {
        const ch = channels.get(channel);
        if (!ch) throw new SocdeckError('not_found', `no notify channel "${channel}" (configured: ${[...channels.keys()].join(', ') || 'none'})`);
        const now = ctx.clock.now();
        const msg = render({ template: NotifyTemplate.Test, dedupKey: `test:${now}`, vars: { channel, actor: session.actor } }, lang ?? ch.config.lang ?? cfg.lang, []);
        const outcome = await audited(
          ctx.store,
          () => ctx.clock.now(),
          { actor: session.actor, action: 'notify.test', target: { kind: 'channel', id: channel } },
          () => send(ch, msg, now, cfg.timeoutMs),
          (o) => ({ ok: o.ok }),
        );
        ctx.log.info('notify test sent', {
          channel,
          actor: session.actor,
          ok: outcome.ok,
          ...(outcome.error ? { error: outcome.error } : {}),
          ...(outcome.warning ? { warning: outcome.warning } : {}),
        });
        return { channel, type: ch.config.type, ...outcome };
      });
    },
    stop() {
      for (const u of unsubscribe.splice(0)) u();
    },
  });
};
