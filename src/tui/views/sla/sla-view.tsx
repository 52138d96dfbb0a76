import { Box, Text } from 'ink';
import React from 'react';
import type { SlaClockInfo } from '../../../shared/calendar/sla-clock-info.js';
import { formatCountdown, slaBandStyle } from '../../../shared/calendar/sla-band.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';

/** Clocks move by the minute; a few seconds keeps the countdown honest without load. */
const POLL_MS = 5000;

const HEADER = [fit('LEFT', 7), fit('DUE', 11), fit('KIND', 8), fit('ITEM', 18), fit('SEV', 8), fit('STATUS', 26), 'TITLE'].join(' ');

/** Short per-row status; the calendar's full sentence is shown once above the table. */
function status(k: SlaClockInfo): string {
  if (k.paused) return k.explanation;
  if (!k.open && k.resumes) return `resumes ${k.resumes}`;
  return k.breached ? `breached ${k.phase}` : `${k.phase} running`;
}

function ClockRow({ k }: { k: SlaClockInfo }): React.ReactElement {
  return (
    <Text wrap="truncate">
      <Text {...slaBandStyle(k.band)}>{fit(k.paused ? 'paused' : formatCountdown(k.remainingMinutes), 7)}</Text> {fit(k.dueAt.slice(5, 16).replace('T', ' '), 11)} {fit(k.kind, 8)} {fit(k.itemId, 18)}{' '}
      <Text color={SEVERITY_COLOR[k.severity]}>{fit(k.severity, 8)}</Text> {fit(status(k), 26)} {k.title}
    </Text>
  );
}

/** One line per calendar in use: "cn: outside business hours (weekend) — resumes Mon 10:00". */
function CalendarLines({ clocks }: { clocks: readonly SlaClockInfo[] }): React.ReactElement {
  const states = new Map<string, string>();
  for (const k of clocks) if (!states.has(k.calendar)) states.set(k.calendar, k.calendarState);
  return (
    <>
      {[...states].map(([cal, text]) => (
        <Text key={cal} wrap="truncate" color={text === 'business hours' ? 'green' : 'yellow'}>
          calendar {cal}: {text}
        </Text>
      ))}
    </>
  );
}

/**
 * Every running SLA clock across kinds, soonest due first; paused clocks last. Countdowns are
 * business minutes, coloured green → yellow (50 %) → red (80 %) → inverse once breached.
 * Notifications that failed for good are counted at the bottom so they are not missed.
 */
export function SlaView({ s }: ViewProps): React.ReactElement {
  const clocks = useDaemonRequest('sla.list', { limit: Math.max(1, s.viewportRows - 4) }, { pollMs: POLL_MS });
  const failed = useDaemonRequest('notify.outbox', { state: 'failed', limit: 1 }, { pollMs: POLL_MS });
  if (clocks.error) return <Text color="red">SLA clocks: {clocks.error}</Text>;
  const rows = clocks.data?.clocks ?? [];
  const lastFailure = failed.data?.entries[0];
  return (
    <Box flexDirection="column">
      <CalendarLines clocks={rows} />
      <Text bold>{HEADER}</Text>
      {rows.length === 0 ? <Text dimColor>{clocks.loading ? 'loading…' : 'no running SLA clocks'}</Text> : null}
      {rows.map((k) => (
        <ClockRow key={k.id} k={k} />
      ))}
      <Text dimColor>
        {rows.length} of {clocks.data?.total ?? 0} running clocks · `socdeck sla list` · `socdeck sla breaches`
      </Text>
      {failed.data && failed.data.failed > 0 ? (
        <Text color="red" wrap="truncate">
          {failed.data.failed} notification(s) failed{lastFailure ? ` — last: ${lastFailure.channel}: ${lastFailure.lastError ?? 'failed'}` : ''} · `socdeck notify outbox --state failed`
        </Text>
      ) : null}
    </Box>
  );
}
