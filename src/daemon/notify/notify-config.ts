import { z } from 'zod';

export const HTTP_CHANNEL_TYPES = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const;
export type HttpChannelType = (typeof HTTP_CHANNEL_TYPES)[number];

export const Lang = z.enum(['zh-CN', 'en']);
export type Lang = z.infer<typeof Lang>;

/** `env:NAME` reads an environment variable; `file:PATH` reads a file that must be mode 0600. */
const SecretRef = z.string().regex(/^(env|file):.+$/, 'give secrets as env:NAME or file:/path/to/0600-file, never inline');

/** Settings every channel kind shares: the delivery loop reads these without knowing the kind. */
const common = {
  /** Messages per minute; vendors throttle bots (DingTalk: 20/min), mail relays throttle senders. */
  ratePerMinute: z.number().int().min(1).max(6000).default(20),
  lang: Lang.optional(),
};

export const HttpChannelConfig = z
  .object({
    type: z.enum(HTTP_CHANNEL_TYPES),
    /** Webhook URL; bot URLs carry their token, so prefer env:/file: (an inline URL is masked in logs). */
    url: z.string().min(1),
    /** Signing secret: DingTalk and Feishu bots with signing on; HMAC header for generic webhooks. */
    secret: SecretRef.optional(),
    /** Who "mention on-call" names: WeCom user ids, DingTalk mobiles, Feishu open ids, Slack user ids. */
    mention: z.array(z.string().min(1)).default([]),
    ...common,
  })
  .strict();
export type HttpChannelConfig = z.infer<typeof HttpChannelConfig>;

/** `soc@example.com` or `SOC desk <soc@example.com>`; no line breaks, so no header injection. */
const Mailbox = z
  .string()
  .max(320)
  .regex(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'an address like soc@example.com or "SOC desk <soc@example.com>"');

const TimeoutMs = (fallback: number) => z.number().int().min(100).max(600_000).default(fallback);

export const EmailChannelConfig = z
  .object({
    type: z.literal('email'),
    host: z.string().min(1).max(253),
    /** Default: 465 with `secure`, else 587 (submission with STARTTLS). */
    port: z.number().int().min(1).max(65_535).optional(),
    /** Implicit TLS from the first byte (port 465). */
    secure: z.boolean().default(false),
    /**
     * Without `secure`: refuse to go on unless the server upgrades with STARTTLS, so a password
     * or an alert never crosses the network in clear. Turn off only for a relay on this host.
     */
    requireTLS: z.boolean().default(true),
    from: Mailbox,
    to: z.array(Mailbox).min(1).max(100),
    /** Who "mention on-call" names: addresses put on Cc. */
    mention: z.array(Mailbox).max(100).default([]),
    /** SMTP AUTH user name (not a secret: inline, env: or file:). */
    user: z.string().min(1).max(512).optional(),
    password: SecretRef.optional(),
    connectionTimeoutMs: TimeoutMs(10_000),
    greetingTimeoutMs: TimeoutMs(10_000),
    /** Longest silence on an open connection. */
    socketTimeoutMs: TimeoutMs(30_000),
    ...common,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.user && !c.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'a user needs its password (env:NAME or file:PATH)' });
    if (c.password && !c.user) ctx.addIssue({ code: 'custom', path: ['user'], message: 'a password needs its user' });
  });
export type EmailChannelConfig = z.infer<typeof EmailChannelConfig>;

export const ChannelConfig = z.discriminatedUnion('type', [HttpChannelConfig, EmailChannelConfig]);
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export const NotifyConfig = z
  .object({
    lang: Lang.default('zh-CN'),
    /** How often the outbox is checked for due deliveries (new entries also wake it at once). */
    tickMs: z.number().int().min(10).max(600_000).default(5000),
    /** HTTP channels: longest one request may take. Email channels bound each SMTP wait instead. */
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
