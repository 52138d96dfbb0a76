import type { Alert } from '../../../shared/alert.js';
import { formatCountdown, slaBandStyle } from '../../../shared/calendar/sla-band.js';
import type { SlaClockInfo } from '../../../shared/calendar/sla-clock-info.js';
import { relativeAge } from '../../../shared/relative-age.js';
import type { Severity } from '../../../shared/severity.js';
import { attackCell } from '../../components/attack-text.js';
import type { LayoutColumn } from '../../components/column-layout.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';

const STATE_COLOR: Record<Alert['state'], string | undefined> = { new: 'yellow', acknowledged: undefined, in_progress: 'cyan', resolved: 'green', closed: 'gray' };
const SHORT_STATE: Record<Alert['state'], string> = { new: 'new', acknowledged: 'ack', in_progress: 'work', resolved: 'res', closed: 'closd' };
const SHORT_SEVERITY: Record<Severity, string> = { info: 'info', low: 'low', medium: 'med', high: 'high', critical: 'crit' };

function slaCell(k: SlaClockInfo | undefined): string {
  if (!k) return '-';
  if (k.phase === 'done') return 'met';
  if (k.paused) return 'paused';
  // Outside business hours the clock stands still: say when it resumes rather than a frozen number.
  if (!k.open && k.resumes && !k.breached) return `⏸${formatCountdown(k.remainingMinutes)}`;
  return formatCountdown(k.remainingMinutes);
}

/**
 * The queue's columns, and the order they give way in a narrow terminal (80x24 over SSH): the
 * timestamp becomes an age first, then ATT&CK, rule and count leave, then severity, state and
 * host narrow, and the assignee leaves last, all before the title falls below half the width.
 * Marks, SLA and severity stay: they are what an analyst triages by.
 */
export function alertColumns(marks: ReadonlySet<string>, clocks: ReadonlyMap<string, SlaClockInfo>, now: number): LayoutColumn<Alert>[] {
  return [
    { title: ' ', width: 1, cell: (a) => (marks.has(a.id) ? '●' : ' '), color: () => 'magenta' },
    {
      title: 'SLA',
      width: 7,
      cell: (a) => slaCell(clocks.get(a.id)),
      color: (a) => {
        const k = clocks.get(a.id);
        return k && k.phase !== 'done' ? slaBandStyle(k.band).color : undefined;
      },
      style: (a) => {
        const k = clocks.get(a.id);
        return k && k.phase !== 'done' ? slaBandStyle(k.band) : undefined;
      },
    },
    { title: 'SEV', width: 8, cell: (a) => a.severity, color: (a) => SEVERITY_COLOR[a.severity], narrow: { rank: 5, width: 4, cell: (a) => SHORT_SEVERITY[a.severity] } },
    { title: 'LAST SEEN', width: 19, cell: (a) => a.lastSeen.slice(0, 19).replace('T', ' '), narrow: { rank: 1, width: 4, title: 'AGE', cell: (a) => relativeAge(a.lastSeen, now) } },
    { title: 'HOST', width: 14, cell: (a) => a.host ?? '-', narrow: { rank: 7, width: 10 } },
    { title: 'RULE', width: 10, cell: (a) => a.ruleId, drop: { rank: 3 } },
    { title: 'ATT&CK', width: 12, cell: attackCell, drop: { rank: 2 } },
    { title: 'TITLE', width: 32, cell: (a) => a.title, flex: { want: 60 } },
    { title: 'COUNT', width: 6, cell: (a) => String(a.count), drop: { rank: 4 } },
    { title: 'STATE', width: 12, cell: (a) => a.state, color: (a) => STATE_COLOR[a.state], narrow: { rank: 6, width: 5, cell: (a) => SHORT_STATE[a.state] } },
    { title: 'ASSIGNEE', width: 10, cell: (a) => a.assignee ?? '-', drop: { rank: 8 } },
  ];
}
