import { z } from 'zod';
import { Severity } from '../severity.js';

export const SlaPhase = z.enum(['response', 'resolution', 'done']);
export type SlaPhase = z.infer<typeof SlaPhase>;

/** One SLA clock as clients see it, computed by the daemon at request time. */
export const SlaClockInfo = z.object({
  id: z.string(),
  kind: z.string(),
  itemId: z.string(),
  customer: z.string(),
  title: z.string(),
  /** Effective severity: the item's, raised by escalation steps that say so. */
  severity: Severity,
  policy: z.string(),
  calendar: z.string(),
  state: z.string(),
  phase: SlaPhase,
  startedAt: z.string(),
  responseDueAt: z.string(),
  resolutionDueAt: z.string(),
  respondedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  /** Due time of the running phase (the resolution due once done), ISO with the calendar's offset. */
  dueAt: z.string(),
  /** Business minutes left in the running phase; negative once overdue. */
  remainingMinutes: z.number(),
  usedShare: z.number(),
  band: z.enum(['green', 'yellow', 'red', 'breached', 'paused']),
  paused: z.boolean(),
  breached: z.boolean(),
  /** Whether the clock's calendar is in working time now. */
  open: z.boolean(),
  /** Plain words: "running", "paused (waiting_customer)", "outside business hours (weekend) — resumes Mon 10:00". */
  explanation: z.string(),
  /** The calendar's own state now, whatever the clock's: "business hours" or "outside business hours (…) — resumes …". */
  calendarState: z.string(),
  /** When a closed calendar reopens, short form for narrow columns: "Mon 10:00", "today 14:00". */
  resumes: z.string().optional(),
  assignee: z.string().optional(),
});
export type SlaClockInfo = z.infer<typeof SlaClockInfo>;

export const SlaBreach = z.object({
  id: z.string(),
  clockId: z.string(),
  kind: z.string(),
  itemId: z.string(),
  customer: z.string(),
  severity: Severity,
  phase: z.enum(['response', 'resolution']),
  dueAt: z.string(),
  /** When the daemon recorded it (a clock checked late still breached at dueAt). */
  recordedAt: z.string(),
  /** The assignee at the time, or the configured on-call name. */
  onDuty: z.string(),
});
export type SlaBreach = z.infer<typeof SlaBreach>;
