import type { ReportKindName } from '../../shared/report.js';
import type { z } from 'zod';
import type { PeriodKind } from './time/period.js';

export { REPORT_FORMATS, REPORT_KIND_NAMES } from '../../shared/report.js';
export type ReportKind = z.infer<typeof ReportKindName>;
export type ReportFormat = 'md' | 'html';

/** Periodic deliverables name their period kind; event ones are built per item id. */
export const REPORT_KINDS: Record<ReportKind, { period: PeriodKind | undefined }> = {
  weekly: { period: 'week' },
  monthly: { period: 'month' },
  quarterly: { period: 'quarter' },
  advisory: { period: undefined },
  leak: { period: undefined },
  incident: { period: undefined },
};
