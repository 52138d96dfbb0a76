import type { Alert } from '../../shared/alert.js';
import type { Incident, IncidentReport } from '../../shared/incident.js';
import { INCIDENT_TAXONOMY, incidentTypeInfo } from '../../shared/incident-taxonomy.js';
import { regulatorDraft } from '../../shared/regulator-draft.js';
import { PLAYBOOK_PHASES, type PlaybookVersion } from '../../shared/playbook.js';

/**
 * The Incident Response Report (《应急响应报告》) as plain data: what happened (timeline), what
 * was done (checked playbook steps, who and when), what is left, loss, root cause and hardening.
 * Renderers (Markdown here, the reports module's HTML) only lay it out.
 */
export function buildIncidentReport(
  i: Incident,
  deps: { alert(id: string): Alert | undefined; playbook: PlaybookVersion | undefined; now: string; actor: string; reportDueAt?: string },
): IncidentReport {
  const info = incidentTypeInfo(i.type);
  const steps = i.playbook?.steps ?? [];
  const phaseOrder = (p: string) => PLAYBOOK_PHASES.indexOf(p as never);
  const done = i.checklist.filter((c) => c.done);
  const doneIds = new Set(done.map((c) => c.step));
  const stepText = (id: string, fallback: string) => {
    const s = steps.find((x) => x.id === id);
    return s ? { zh: s.zh, en: s.en } : splitText(fallback);
  };
  // Advice from the playbook that was followed; the live one when nothing was pinned.
  const adviceSteps = i.playbook?.steps ?? deps.playbook?.playbook.phases.flatMap((p) => p.steps) ?? [];
  const advice = adviceSteps.filter((s) => s.phase === 'lessons' && /harden/.test(s.id)).map((s) => `${s.zh} / ${s.en}`);
  const actions = done
    .map((c) => ({ phase: c.phase, step: c.step, ...stepText(c.step, c.text), by: c.by, at: c.at }))
    .sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || a.at.localeCompare(b.at));
  const alerts = i.linkedAlerts.flatMap((id) => deps.alert(id) ?? []);
  const draft = regulatorDraft({
    ...i,
    firstSeen: alerts.map((a) => a.firstSeen).sort()[0],
    hosts: [...new Set([...alerts.flatMap((a) => (a.host ? [a.host] : [])), ...i.observables.filter((o) => o.kind === 'host').map((o) => o.value)])],
    measures: actions.map((a) => a.zh),
    reportDueAt: deps.reportDueAt,
  });
  return {
    kind: 'incident-response',
    generatedAt: deps.now,
    generatedBy: deps.actor,
    incident: {
      id: i.id,
      customer: i.customer,
      title: i.title,
      type: { id: i.type, zh: info.zh, en: info.en, category: { zh: INCIDENT_TAXONOMY[info.category].zh, en: INCIDENT_TAXONOMY[info.category].en } },
      severity: i.severity,
      status: i.status,
      ...(i.owner ? { owner: i.owner } : {}),
      openedAt: i.openedAt,
      ...(i.closedAt ? { closedAt: i.closedAt } : {}),
      durationMinutes: i.closedAt ? Math.round((Date.parse(i.closedAt) - Date.parse(i.openedAt)) / 60_000) : null,
    },
    ...(i.summary ? { summary: i.summary } : {}),
    ...(i.impact ? { impact: i.impact } : {}),
    ...(i.playbook ? { playbook: { id: i.playbook.id, ...(i.playbook.commit ? { commit: i.playbook.commit } : {}), ...(deps.playbook ? { title: deps.playbook.playbook.title } : {}) } } : {}),
    timeline: [...i.timeline].sort((a, b) => a.at.localeCompare(b.at)),
    actions,
    openSteps: steps.filter((s) => !doneIds.has(s.id)).map((s) => ({ phase: s.phase, step: s.id, zh: s.zh, en: s.en })),
    observables: i.observables.map((o) => ({ kind: o.kind, value: o.value, source: o.source })),
    linked: {
      alerts: i.linkedAlerts.map((id) => {
        const a = deps.alert(id);
        return a ? { id, title: a.title, severity: a.severity, ...(a.host ? { host: a.host } : {}) } : { id, title: '(no longer in the store)' };
      }),
      items: i.links,
    },
    ...(i.loss ? { loss: i.loss } : {}),
    ...(i.rootCause ? { rootCause: i.rootCause } : {}),
    ...(i.lessons ? { lessons: i.lessons } : {}),
    hardening: [...i.hardening, ...advice.filter((a) => !i.hardening.includes(a))],
    ...(draft ? { regulatorDraft: draft } : {}),
  };
}

function splitText(text: string): { zh: string; en: string } {
  const at = text.indexOf(' / ');
  return at < 0 ? { zh: text, en: text } : { zh: text.slice(0, at), en: text.slice(at + 3) };
}
