import { Text } from 'ink';
import React from 'react';
import { formatCountdown, slaBandStyle } from '../../../shared/calendar/sla-band.js';
import { mustReport, type IncidentGrading } from '../../../shared/incident-grade.js';
import { useDaemonRequest } from '../../daemon-context.js';

const POLL_MS = 3000;

/** The regulator reporting countdown beside the incident, for grades 较大 and above. */
export function ReportClock({ id, grading }: { id: string; grading: IncidentGrading }): React.ReactElement {
  const due = mustReport(grading.grade);
  const res = useDaemonRequest('sla.get', { kind: 'report', id }, { pollMs: POLL_MS, key: `${grading.at}` });
  const k = res.data;
  const head = `grade ${grading.grade} · ${grading.operatorClass} · `;
  if (!due)
    return (
      <Text dimColor wrap="truncate">
        {head}no report due
      </Text>
    );
  if (!k)
    return (
      <Text color="yellow" wrap="truncate">
        {head}reporting clock {res.error ? `unavailable: ${res.error}` : 'starting…'}
      </Text>
    );
  const left = k.phase === 'done' ? 'reported' : k.breached ? `OVERDUE ${formatCountdown(-k.remainingMinutes)}` : `${formatCountdown(k.remainingMinutes)} left`;
  return (
    <Text wrap="truncate">
      {head}report to the regulator by {k.dueAt.slice(5, 16).replace('T', ' ')} <Text {...slaBandStyle(k.band)}>{left}</Text>
    </Text>
  );
}
