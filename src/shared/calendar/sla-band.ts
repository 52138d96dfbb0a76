/**
 * Colour band of an SLA countdown, shared by every queue that shows one: green until half the
 * target is used, yellow from 50 %, red from 80 %, inverse once breached.
 */
export const SlaBand = { Green: 'green', Yellow: 'yellow', Red: 'red', Breached: 'breached', Paused: 'paused' } as const;
export type SlaBand = (typeof SlaBand)[keyof typeof SlaBand];

export const SLA_BAND_THRESHOLDS = { yellow: 0.5, red: 0.8 } as const;

export interface SlaCountdown {
  /** Share of the target used, 0…∞ (1 = due now). */
  usedShare: number;
  paused: boolean;
}

export function slaBand(c: SlaCountdown): SlaBand {
  if (c.usedShare >= 1) return SlaBand.Breached;
  if (c.paused) return SlaBand.Paused;
  if (c.usedShare >= SLA_BAND_THRESHOLDS.red) return SlaBand.Red;
  if (c.usedShare >= SLA_BAND_THRESHOLDS.yellow) return SlaBand.Yellow;
  return SlaBand.Green;
}

/** Ink text props for a band: breached is inverse red so it reads even without colour. */
export function slaBandStyle(band: SlaBand): { color?: string; inverse?: boolean; dimColor?: boolean } {
  switch (band) {
    case SlaBand.Green:
      return { color: 'green' };
    case SlaBand.Yellow:
      return { color: 'yellow' };
    case SlaBand.Red:
      return { color: 'red' };
    case SlaBand.Breached:
      return { color: 'red', inverse: true };
    case SlaBand.Paused:
      return { dimColor: true };
  }
}

/** Compact business-time countdown: "25m", "3h05m", "2d04h", "-12m" once overdue. */
export function formatCountdown(remainingMinutes: number): string {
  const sign = remainingMinutes < 0 ? '-' : '';
  const m = Math.floor(Math.abs(remainingMinutes));
  if (m < 60) return `${sign}${m}m`;
  if (m < 24 * 60) return `${sign}${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(m / 1440)}d${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}h`;
}
