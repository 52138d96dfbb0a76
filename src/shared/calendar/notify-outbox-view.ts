import { z } from 'zod';

/**
 * One notify outbox entry as clients see it (the SLA view shows failures). Lives beside the
 * SLA wire types because escalation is what fills the outbox.
 */
export const NotifyOutboxView = z.object({
  id: z.string(),
  channel: z.string(),
  dedupKey: z.string(),
  template: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().optional(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type NotifyOutboxView = z.infer<typeof NotifyOutboxView>;
