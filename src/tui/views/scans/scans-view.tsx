import { Box, Text } from 'ink';
import React, { useEffect, useState, useSyncExternalStore } from 'react';
import type { Finding, ScanProgressed, ScanRun } from '../../../shared/scan.js';
import { fit } from '../../../shared/text.js';
import { SEVERITY_COLOR } from '../../components/severity-style.js';
import { useDaemonClient, useDaemonRequest } from '../../daemon-context.js';
import type { ViewProps } from '../view-props.js';
import { findingsSelection } from './scans-actions.js';
import { useViewport } from '../../components/use-viewport.js';

const POLL_MS = 3000;
const RUNS_SHOWN = 4;

const STATUS_COLOR: Record<Finding['status'], string | undefined> = { new: 'red', reopened: 'magenta', confirmed: 'yellow', accepted: 'blue', fixed: 'green' };

function bar(done: number, total: number, width = 24): string {
  const n = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
  return `${'█'.repeat(n)}${'░'.repeat(width - n)}`;
}

/** Live progress from `scan.progressed`, laid over the polled run list. */
function useLiveProgress(): ReadonlyMap<string, ScanProgressed> {
  const client = useDaemonClient();
  const [live, setLive] = useState<ReadonlyMap<string, ScanProgressed>>(new Map());
  useEffect(() => client?.onEvent('scan.progressed', (p) => setLive((m) => new Map(m).set(p.scanId, p))), [client]);
  return live;
}

function RunLine({ run, live }: { run: ScanRun; live: ScanProgressed | undefined }): React.ReactElement {
  const state = live?.state ?? run.state;
  const p = live?.progress ?? run.progress;
  const when = run.startedAt.slice(0, 16).replace('T', ' ');
  const tail =
    state === 'running'
      ? `${bar(p.done, p.total)} ${p.done}/${p.total} ${p.open} open, ETA ${Math.ceil(p.etaMs / 1000)} s`
      : `${run.open.length} open · +${run.findings.new.length} new · ${run.findings.fixed.length} fixed · ${run.findings.reopened.length} reopened${run.durationMs !== undefined ? ` · ${(run.durationMs / 1000).toFixed(1)} s` : ''}`;
  return (
    <Text wrap="truncate">
      {fit(run.id, 11)} {fit(run.kind, 6)} <Text color={state === 'failed' ? 'red' : state === 'running' ? 'cyan' : undefined}>{fit(state, 9)}</Text> {fit(when, 16)} {fit(run.targets.join(','), 18)}{' '}
      {tail}
    </Text>
  );
}

function Detail({ f }: { f: Finding }): React.ReactElement {
  const plan = useDaemonRequest('finding.plan', { id: f.id, lang: 'en' }, { key: f.id });
  const steps = (plan.data?.markdown ?? '').split('\n').filter((l) => /^\d+\. /.test(l));
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>
        {f.title}{' '}
        <Text dimColor>
          ({f.id}, {f.checkId}, via {f.source})
        </Text>
      </Text>
      <Text wrap="truncate">evidence: {f.evidence}</Text>
      <Text dimColor>
        first {f.firstSeen.slice(0, 16)} · last {f.lastSeen.slice(0, 16)} · seen {f.seenCount}×
        {f.acceptance ? ` · accepted by ${f.acceptance.by} until ${f.acceptance.until.slice(0, 10)}: ${f.acceptance.reason}` : ''}
      </Text>
      {plan.error ? (
        <Text color="red">plan: {plan.error}</Text>
      ) : (
        steps.slice(0, 6).map((l, i) => (
          <Text key={i} wrap="truncate">
            {l}
          </Text>
        ))
      )}
    </Box>
  );
}

/** `:scans`: recent runs with live progress, then findings with lifecycle badges. */
export function ScansView({ s }: ViewProps): React.ReactElement {
  const live = useLiveProgress();
  const sel = useSyncExternalStore(findingsSelection.subscribe, findingsSelection.get);
  const runs = useDaemonRequest('scan.list', { limit: RUNS_SHOWN }, { pollMs: POLL_MS, key: String(sel.version) });
  const findings = useDaemonRequest('findings.list', { limit: 1000 }, { pollMs: POLL_MS, key: String(sel.version) });
  useEffect(() => {
    if (findings.data) findingsSelection.setRows(findings.data.findings);
  }, [findings.data]);
  const error = runs.error ?? findings.error;
  const height = Math.max(1, s.viewportRows - RUNS_SHOWN - (sel.open ? 12 : 4));
  const { visible } = useViewport(sel.rows, sel.cursor, height);
  if (error) return <Text color="red">scans: {error}</Text>;
  const selected = sel.rows[sel.cursor];
  return (
    <Box flexDirection="column">
      <Text bold>SCANS</Text>
      {(runs.data?.scans ?? []).map((r) => (
        <RunLine key={r.id} run={r} live={live.get(r.id)} />
      ))}
      {runs.data?.scans.length === 0 ? <Text dimColor>no scans yet · `socdeck scan run` starts one</Text> : null}
      <Text bold>{[fit('SEV', 8), fit('STATUS', 9), fit('ASSET', 14), fit('WHERE', 30), 'FINDING'].join(' ')}</Text>
      {sel.rows.length === 0 ? <Text dimColor>{findings.loading ? 'loading…' : 'no findings'}</Text> : null}
      {visible.map((f) => (
        <Text key={f.id} inverse={f.id === selected?.id} wrap="truncate">
          <Text color={SEVERITY_COLOR[f.severity]}>{fit(f.severity, 8)}</Text> <Text color={STATUS_COLOR[f.status]}>{fit(f.status, 9)}</Text> {fit(f.asset, 14)}{' '}
          {fit(f.url ?? `${f.host}:${f.port ?? '-'}`, 30)} {f.title}
        </Text>
      ))}
      {sel.open && selected ? <Detail f={selected} /> : null}
      <Text dimColor>
        {sel.rows.length} of {findings.data?.total ?? 0} findings · enter plan · v verify · a accept
      </Text>
    </Box>
  );
}
