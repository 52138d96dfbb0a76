import { z } from 'zod';

export const CHANNEL_TYPES = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const Lang = z.enum(['zh-CN', 'en']);
export type Lang = z.infer<typeof Lang>;

/** `env:NAME` reads an environment variable; `file:PATH` reads a file that must be mode 0600. */
const SecretRef = z.string().regex(/^(env|file):.+$/, 'give secrets as env:NAME or file:/path/to/0600-file, never inline');

export const ChannelConfig = z
  .object({
    type: z.enum(CHANNEL_TYPES),
    /** Webhook URL; bot URLs carry their token, so prefer env:/file: (an inline URL is masked in logs). */
    url: z.string().min(1),
    /** Signing secret: DingTalk and Feishu bots with signing on; HMAC header for generic webhooks. */
    secret: SecretRef.optional(),
    /** Messages per minute; vendors throttle bots (DingTalk: 20/min). */
    ratePerMinute: z.number().int().min(1).max(6000).default(20),
    /** Who "mention on-call" names: WeCom user ids, DingTalk mobiles, Feishu open ids, Slack user ids. */
    mention: z.array(z.string().min(1)).default([]),
    lang: Lang.optional(),
  })
  .strict();
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export const NotifyConfig = z
  .object({
    lang: Lang.default('zh-CN'),
    /** How often the outbox is checked for due deliveries (new entries also wake it at once). */
    tickMs: z.number().int().min(10).max(600_000).default(5000),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    maxAttempts: z.number().int().min(1).max(50).default(6),
    backoffBaseMs: z.number().int().min(1).max(3_600_000).default(5000),
    backoffMaxMs: z.number().int().min(1).max(86_400_000).default(600_000),
    /** Sent and failed entries are kept this long (visible in the TUI), then dropped. */
    retainDays: z.number().int().min(1).max(3650).default(30),
    channels: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'channel names: letters, digits, - and _'), ChannelConfig).default({}),
  })
  .strict();
export type NotifyConfig = z.infer<typeof NotifyConfig>;
