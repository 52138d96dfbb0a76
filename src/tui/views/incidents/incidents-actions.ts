import { GRADE_CRITERION_IDS, IncidentGrade, INCIDENT_GRADES, type GradeCriterionId } from '../../../shared/incident-grade.js';
import type { IncidentSummary, PlaybookPin } from '../../../shared/incident.js';
import type { ActionContext } from '../../triage-actions.js';
import { ListSelection } from '../list-selection.js';

export const incidentsSelection = new ListSelection<IncidentSummary>();

/**
 * The checklist of the opened incident, in the order the detail pane shows it; the view
 * publishes it so `space` ticks the step under the cursor.
 */
let openSteps: readonly (PlaybookPin['steps'][number] & { done: boolean })[] = [];

export function publishOpenSteps(steps: typeof openSteps): void {
  openSteps = steps;
}

export function moveIncidents(delta: number): void {
  incidentsSelection.move(delta, openSteps.length);
}

const say = (ctx: ActionContext, text: string, level: 'info' | 'error' = 'info') => ctx.store.update({ message: { text, level } });

function withOpen(ctx: ActionContext, run: (id: string, daemon: NonNullable<ActionContext['daemon']>) => Promise<string>): void {
  const inc = incidentsSelection.selected();
  if (!inc || !incidentsSelection.get().open) return say(ctx, 'open an incident first (enter)', 'error');
  if (!ctx.daemon) return say(ctx, 'not connected to the daemon', 'error');
  run(inc.id, ctx.daemon).then(
    (text) => {
      incidentsSelection.changed();
      say(ctx, text);
    },
    (err: unknown) => say(ctx, err instanceof Error ? err.message : String(err), 'error'),
  );
}

/** `space`: ticks (or unticks) the step under the cursor, attributed to this analyst by the daemon. */
export function toggleStep(ctx: ActionContext): void {
  const step = openSteps[incidentsSelection.get().inner];
  if (!step) return say(ctx, 'no checklist step selected', 'error');
  withOpen(ctx, async (id, d) => {
    await d.request('incidents.check', { id, step: step.id, done: !step.done });
    return `${step.done ? 'reopened' : 'done'}: ${step.id}`;
  });
}

/** `p`: follow the playbook's latest version; ticks carry over by step id. */
export function repinIncident(ctx: ActionContext): void {
  withOpen(ctx, async (id, d) => {
    const { incident } = await d.request('incidents.repin', { id });
    return `re-pinned ${incident.playbook?.id} @ ${incident.playbook?.commit?.slice(0, 12) ?? 'uncommitted'}`;
  });
}

/** `n`: a one-line note on the open incident's timeline. */
export function noteIncident(ctx: ActionContext): void {
  const inc = incidentsSelection.selected();
  if (!inc || !incidentsSelection.get().open) return say(ctx, 'open an incident first (enter)', 'error');
  ctx.store.update({
    prompt: {
      kind: 'input',
      label: `note on ${inc.id}: `,
      text: '',
      submit: (text) => {
        if (!text.trim()) return 'the note is empty';
        withOpen(ctx, async (id, d) => {
          await d.request('incidents.note', { id, text: text.trim() });
          return `noted ${id}`;
        });
        return undefined;
      },
    },
    message: undefined,
  });
}

/** `R`: grade the open incident under the reporting 办法: the grade, then the criteria met (ids). */
export function gradeIncident(ctx: ActionContext): void {
  const inc = incidentsSelection.selected();
  if (!inc || !incidentsSelection.get().open) return say(ctx, 'open an incident first (enter)', 'error');
  ctx.store.update({
    prompt: {
      kind: 'input',
      label: `grade ${inc.id} (${INCIDENT_GRADES.join('|')} [criteria…]): `,
      text: '',
      submit: (text) => {
        const [grade, ...criteria] = text.trim().split(/\s+/);
        const g = IncidentGrade.safeParse(grade);
        if (!g.success) return `the grade is one of ${INCIDENT_GRADES.join(' ')}`;
        const unknown = criteria.filter((c) => !(GRADE_CRITERION_IDS as readonly string[]).includes(c));
        if (unknown.length) return `unknown criteria: ${unknown.join(' ')} (known: ${GRADE_CRITERION_IDS.join(' ')})`;
        withOpen(ctx, async (id, d) => {
          await d.request('incidents.grade', { id, grade: g.data, criteria: criteria as GradeCriterionId[] });
          return `graded ${id} ${g.data}`;
        });
        return undefined;
      },
    },
    message: undefined,
  });
}
