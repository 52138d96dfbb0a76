import { Box, Text } from 'ink';
import React, { useLayoutEffect } from 'react';
import type { Incident } from '../../../shared/incident.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonRequest } from '../../daemon-context.js';
import { publishOpenSteps } from './incidents-actions.js';
import { ReportClock } from './report-clock.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 3000;
const DIFF_LINES = 12;
const COMMAND_LINES = 4;

function PlaybookDiff({ type, from }: { type: string; from: string }): React.ReactElement {
  const diff = useDaemonRequest('playbooks.diff', { id: type, from });
  if (diff.error) return <Text color="red">diff: {diff.error}</Text>;
  const lines = (diff.data?.diff ?? '').split('\n').filter((l) => /^[+-][^+-]/.test(l));
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {lines.slice(0, DIFF_LINES).map((l, i) => (
        <Text key={i} color={l.startsWith('+') ? 'green' : 'red'} wrap="truncate">
          {l}
        </Text>
      ))}
      {lines.length > DIFF_LINES ? (
        <Text dimColor>
          … {lines.length - DIFF_LINES} more changed lines (socdeck playbooks diff {type} {from.slice(0, 12)})
        </Text>
      ) : null}
    </Box>
  );
}

/** The commands of the step under the cursor, from the playbook version the incident pinned. */
function StepCommands({ type, commit, step }: { type: string; commit: string | undefined; step: string }): React.ReactElement | null {
  const pb = useDaemonRequest('playbooks.get', commit ? { id: type, rev: commit } : { id: type });
  const s = pb.data?.playbook.phases.flatMap((p) => p.steps).find((x) => x.id === step);
  if (!s || s.notes.length + s.commands.linux.length + s.commands.windows.length === 0) return null;
  const block = (platform: 'linux' | 'windows') =>
    s.commands[platform]
      .flatMap((c) => c.split('\n'))
      .slice(0, COMMAND_LINES)
      .map((line, i) => (
        <Text key={`${platform}-${i}`} wrap="truncate">
          <Text dimColor>{fit(i === 0 ? platform : '', 8)}</Text>
          {line}
        </Text>
      ));
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      {[
        ...s.notes.map((n, i) => (
          <Text key={`n${i}`} dimColor wrap="truncate">
            {n}
          </Text>
        )),
        ...block('linux'),
        ...block('windows'),
      ]}
    </Box>
  );
}

function Checklist({ incident, cursor, height }: { incident: Incident; cursor: number; height: number }): React.ReactElement {
  const state = new Map(incident.checklist.map((c) => [c.step, c]));
  const steps = (incident.playbook?.steps ?? []).map((s) => ({ ...s, done: state.get(s.id)?.done ?? false }));
  // Layout effect: the steps are published in the same commit that draws them, before a key can act on them.
  useLayoutEffect(() => publishOpenSteps(steps));
  const { offset, visible } = useViewport(steps, cursor, height);
  return (
    <Box flexDirection="column">
      <Text bold>
        CHECKLIST {steps.filter((s) => s.done).length}/{steps.length} <Text dimColor>(space tick · n note · p re-pin · R grade · esc back)</Text>
      </Text>
      {visible.map((s, i) => {
        const c = state.get(s.id);
        return (
          <Text key={s.id} inverse={offset + i === cursor} wrap="truncate">
            {offset + i === cursor ? '›' : ' '} [{s.done ? 'x' : ' '}] {fit(s.phase, 9)} {fit(s.id, 18)} {s.zh} / {s.en}
            {c?.done ? <Text dimColor> ({c.by})</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}

/** One incident: playbook pin (and its update), checklist, commands, observables, timeline. */
export function IncidentDetail({ id, version, cursor, height }: { id: string; version: number; cursor: number; height: number }): React.ReactElement {
  const res = useDaemonRequest('incidents.get', { id }, { pollMs: POLL_MS, key: String(version) });
  if (res.error)
    return (
      <Text color="red">
        incident {id}: {res.error}
      </Text>
    );
  if (!res.data) return <Text dimColor>loading {id}…</Text>;
  const { incident: i, playbook, observableHits } = res.data;
  const stepId = i.playbook?.steps[cursor]?.id;
  const hits = new Map(observableHits.map((h) => [`${h.kind}:${h.value}`, h]));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {i.id} <Text color={SEVERITY_COLOR[i.severity]}>[{i.severity}]</Text> {i.status} · {i.title}
      </Text>
      <Text dimColor wrap="truncate">
        {i.type} · owner {i.owner ?? '-'} · {i.customer} · opened {i.openedAt.slice(0, 16).replace('T', ' ')} · {i.linkedAlerts.length} alerts{i.loss ? ' · loss recorded' : ''}
        {i.rootCause ? ' · root cause recorded' : ''}
      </Text>
      <Text wrap="truncate">
        playbook {i.playbook ? `${i.playbook.id} @ ${i.playbook.commit?.slice(0, 12) ?? 'uncommitted'} (pinned by ${i.playbook.pinnedBy})` : 'none pinned'}
        {playbook.updated ? <Text color="yellow"> ⟳ playbook updated since pinned ({playbook.latestCommit?.slice(0, 12) ?? 'uncommitted'}): p re-pins</Text> : null}
        {playbook.missing ? <Text color="red"> (playbook not loaded: see socdeck playbooks lint)</Text> : null}
      </Text>
      {i.grading ? <ReportClock id={i.id} grading={i.grading} /> : null}
      {playbook.updated && playbook.pinnedCommit ? <PlaybookDiff type={i.type} from={playbook.pinnedCommit} /> : null}
      <Checklist incident={i} cursor={cursor} height={height} />
      {stepId ? <StepCommands type={i.type} commit={i.playbook?.commit} step={stepId} /> : null}
      <Text bold>OBSERVABLES</Text>
      <Text wrap="wrap">
        {i.observables.length === 0
          ? '-'
          : i.observables
              .map((o) => `${o.kind} ${o.value}${(hits.get(`${o.kind}:${o.value}`)?.alerts.length ?? 0) > 1 ? ` (${hits.get(`${o.kind}:${o.value}`)!.alerts.length} alerts)` : ''}`)
              .join(' · ')}
      </Text>
      <Text bold>TIMELINE</Text>
      {i.timeline.slice(-6).map((e, n) => (
        <Text key={n} wrap="truncate">
          <Text dimColor>{e.at.slice(5, 16).replace('T', ' ')}</Text> {fit(e.actor, 10)} {e.kind === 'note' ? <Text color="cyan">note: </Text> : null}
          {e.text}
        </Text>
      ))}
    </Box>
  );
}
