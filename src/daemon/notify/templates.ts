import { displaySafe } from '../../shared/display-safe.js';
import type { ChannelMessage } from './channels/channel.js';
import type { Lang } from './notify-config.js';
import { NotifyTemplate, type NotifyRequest } from './outbox.js';

type Vars = NotifyRequest['vars'];

const PHASE = { 'zh-CN': { response: '响应', resolution: '处置' }, en: { response: 'response', resolution: 'resolution' } } as const;

function phaseWord(lang: Lang, v: Vars): string {
  const p = String(v.phase);
  return p === 'response' || p === 'resolution' ? PHASE[lang][p] : p;
}

function itemLines(lang: Lang, v: Vars): string[] {
  return lang === 'zh-CN'
    ? [`- 事项：${v.kind} ${v.item}${v.title ? ` — ${v.title}` : ''}`, `- 客户：${v.customer} · 级别：${v.severity}`, `- 截止：${v.dueAt}（剩余 ${v.remaining}）`, `- 值班：${v.onDuty}`]
    : [`- item: ${v.kind} ${v.item}${v.title ? ` — ${v.title}` : ''}`, `- customer: ${v.customer} · severity: ${v.severity}`, `- due: ${v.dueAt} (remaining ${v.remaining})`, `- on duty: ${v.onDuty}`];
}

/** Escalation steps and the breach of one item are one conversation. */
function itemThread(v: Vars): string {
  return `${v.kind}:${v.item}`;
}

/**
 * Renders an outbox entry in zh-CN or en; values are the publisher's, never secrets. Titles come
 * from alerts, so the text parts go through the display sanitiser; `data` keeps the exact values.
 */
export function render(req: Pick<NotifyRequest, 'template' | 'vars' | 'dedupKey'>, lang: Lang, mentions: readonly string[]): ChannelMessage {
  const msg = compose(req, lang, mentions);
  return { ...msg, title: displaySafe(msg.title), markdown: displaySafe(msg.markdown, { keepLayout: true }) };
}

function compose(req: Pick<NotifyRequest, 'template' | 'vars' | 'dedupKey'>, lang: Lang, mentions: readonly string[]): ChannelMessage {
  const v = req.vars;
  const base = { mentions, dedupKey: req.dedupKey, data: { template: req.template, dedupKey: req.dedupKey, vars: v } };
  switch (req.template) {
    case NotifyTemplate.SlaEscalation: {
      const title = lang === 'zh-CN' ? `SLA 升级提醒：${phaseWord(lang, v)}时限已用 ${v.step}%` : `SLA escalation: ${v.step}% of the ${phaseWord(lang, v)} target used`;
      return { ...base, title, markdown: [`### ${title}`, ...itemLines(lang, v)].join('\n'), thread: itemThread(v) };
    }
    case NotifyTemplate.SlaBreach: {
      const title = lang === 'zh-CN' ? `SLA 已超时：${phaseWord(lang, v)}时限已过` : `SLA breached: ${phaseWord(lang, v)} target missed`;
      return { ...base, title, markdown: [`### ${title}`, ...itemLines(lang, v)].join('\n'), thread: itemThread(v) };
    }
    case NotifyTemplate.Test: {
      const title = lang === 'zh-CN' ? 'socdeck 测试消息' : 'socdeck test message';
      const body = lang === 'zh-CN' ? `通道 ${v.channel} 配置正确，可以接收 SLA 升级提醒。` : `Channel ${v.channel} is set up and can receive SLA escalations.`;
      return { ...base, title, markdown: `### ${title}\n${body}` };
    }
  }
}
