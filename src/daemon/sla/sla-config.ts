import { z } from 'zod';
import { Severity, SEVERITIES } from '../../shared/severity.js';
import { SLA_KINDS } from './observation.js';

export const EscalationStep = z
  .object({
    /** Share of the target used, in percent; 100 is the breach. */
    at: z.number().min(1).max(1000),
    /** Channel names from the notify section. */
    notify: z.array(z.string().min(1)).default([]),
    /** Raise the item's SLA severity one level (shown in the SLA view and sent on the bus). */
    raiseSeverity: z.boolean().default(false),
    /** Mention the channel's on-call people (DingTalk atMobiles, WeCom/Feishu/Slack mentions). */
    mentionOnCall: z.boolean().default(false),
  })
  .strict();
export type EscalationStep = z.infer<typeof EscalationStep>;

export const SlaPolicy = z
  .object({
    name: z.string().min(1),
    kinds: z.array(z.enum(SLA_KINDS)).min(1),
    /** Omitted: every severity. */
    severities: z.array(Severity).default([...SEVERITIES]),
    calendar: z.string().min(1),
    responseMinutes: z.number().positive(),
    resolutionMinutes: z.number().positive(),
    /** Item states that stop the response clock (the item was answered). */
    respondStates: z.array(z.string()).default(['acknowledged', 'in_progress', 'resolved', 'closed']),
    /** Item states that stop the resolution clock. */
    resolveStates: z.array(z.string()).default(['resolved', 'closed']),
    /** Item states that freeze the clock, e.g. waiting on the customer. */
    pauseStates: z.array(z.string()).default(['waiting_customer']),
    escalation: z.array(EscalationStep).default([]),
  })
  .strict();
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaConfig = z
  .object({
    /** Folder of calendar YAML files, relative to the package root unless absolute. */
    calendarsDir: z.string().default('config/calendars'),
    /** How often running clocks are checked for escalation steps and breaches. */
    tickMs: z.number().int().min(10).max(600_000).default(15_000),
    /** Finished clocks are kept this long for MTTA/MTTR reports, then dropped. */
    retainDoneDays: z.number().int().min(1).max(3650).default(400),
    /** Recorded as the actor on duty for a breach when the item has no assignee. */
    onCall: z.string().default('on-call'),
    /** First matching policy (kind + severity) wins; items with none run no clock. */
    policies: z.array(SlaPolicy).default([]),
  })
  .strict();
export type SlaConfig = z.infer<typeof SlaConfig>;

export function policyFor(policies: readonly SlaPolicy[], kind: string, severity: Severity): SlaPolicy | undefined {
  return policies.find((p) => (p.kinds as readonly string[]).includes(kind) && p.severities.includes(severity));
}
