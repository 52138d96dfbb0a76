export { BusinessCalendar, DayKind, type Day } from './business-calendar.js';
export { addBusinessMinutes, addBusinessMs, businessMinutesBetween, businessMsBetween, nextOpening } from './business-time.js';
export { parseCalendar, type CalendarSpec } from './calendar-spec.js';
export { ClosedReason, formatResume, openState, type OpenState } from './open-state.js';
export { formatCountdown, SlaBand, slaBand, slaBandStyle, SLA_BAND_THRESHOLDS, type SlaCountdown } from './sla-band.js';
export { formatZoned } from './zoned-time.js';
