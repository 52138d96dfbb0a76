import { z } from 'zod';
import { Severity } from './severity.js';

/** The response phases every playbook has, in order (PICERL). */
export const PLAYBOOK_PHASES = ['prepare', 'identify', 'contain', 'eradicate', 'recover', 'lessons'] as const;
export const PlaybookPhase = z.enum(PLAYBOOK_PHASES);
export type PlaybookPhase = z.infer<typeof PlaybookPhase>;

export const COMMAND_PLATFORMS = ['linux', 'windows'] as const;

/** Step ids are the key incidents keep checklist state under, so they are short and stable. */
export const STEP_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,47}$/;

export const PlaybookStep = z.object({
  id: z.string(),
  phase: PlaybookPhase,
  zh: z.string(),
  en: z.string(),
  line: z.number().int(),
  notes: z.array(z.string()),
  commands: z.object({ linux: z.array(z.string()), windows: z.array(z.string()) }),
});
export type PlaybookStep = z.infer<typeof PlaybookStep>;

export const Playbook = z.object({
  id: z.string(),
  type: z.string(),
  category: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  severity: Severity,
  mitre: z.array(z.string()),
  /** Path relative to the playbooks folder, with forward slashes. */
  file: z.string(),
  phases: z.array(z.object({ phase: PlaybookPhase, line: z.number().int(), steps: z.array(PlaybookStep) })),
});
export type Playbook = z.infer<typeof Playbook>;

export const LintIssue = z.object({
  file: z.string(),
  /** 1-based; absent for folder-level issues such as a missing playbook. */
  line: z.number().int().optional(),
  message: z.string(),
});
export type LintIssue = z.infer<typeof LintIssue>;

export function formatLintIssue(i: LintIssue): string {
  return `${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ${i.message}`;
}

/** A playbook as the daemon currently sees it: parsed content plus its git version. */
export const PlaybookVersion = z.object({
  id: z.string(),
  file: z.string(),
  /** Latest commit that touched the file; null while the file was never committed. */
  commit: z.string().nullable(),
  /** sha256 of the file text, so uncommitted edits are visible too. */
  contentHash: z.string(),
  /** The working tree differs from `commit`. */
  dirty: z.boolean(),
  loadedAt: z.string(),
  playbook: Playbook,
});
export type PlaybookVersion = z.infer<typeof PlaybookVersion>;

export const PlaybookCommit = z.object({ hash: z.string(), date: z.string(), author: z.string(), message: z.string() });
export type PlaybookCommit = z.infer<typeof PlaybookCommit>;

export function allSteps(p: Playbook): PlaybookStep[] {
  return p.phases.flatMap((ph) => ph.steps);
}

export const PlaybookSummary = z.object({
  id: z.string(),
  type: z.string(),
  category: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  severity: Severity,
  mitre: z.array(z.string()),
  file: z.string(),
  commit: z.string().nullable(),
  dirty: z.boolean(),
  steps: z.number().int(),
  loadedAt: z.string(),
});
export type PlaybookSummary = z.infer<typeof PlaybookSummary>;

const PlaybookId = z.string().min(1).max(64);

/** Wire methods of the playbooks subsystem; spread into `Methods` in protocol.ts. */
export const PLAYBOOK_METHODS = {
  'playbooks.list': {
    params: z.object({}).optional(),
    result: z.object({ playbooks: z.array(PlaybookSummary), issues: z.array(LintIssue) }),
  },
  /** The live playbook, or its text at a git revision when `rev` is given. */
  'playbooks.get': {
    params: z.object({ id: PlaybookId, rev: z.string().max(200).optional() }),
    result: z.object({ playbook: Playbook, commit: z.string().nullable(), text: z.string() }),
  },
  'playbooks.log': {
    params: z.object({ id: PlaybookId, limit: z.number().int().min(1).max(500).default(50) }),
    result: z.object({ file: z.string(), commits: z.array(PlaybookCommit) }),
  },
  /** `to` defaults to the latest commit of the playbook. */
  'playbooks.diff': {
    params: z.object({ id: PlaybookId, from: z.string().max(200), to: z.string().max(200).optional() }),
    result: z.object({ file: z.string(), from: z.string(), to: z.string(), diff: z.string() }),
  },
  /** Re-reads the folder now (the watcher does this on save; this is for scripts and the `r` key). */
  'playbooks.reload': {
    params: z.object({}).optional(),
    result: z.object({ changed: z.array(z.string()), issues: z.array(LintIssue) }),
  },
} as const;

export function summarisePlaybook(v: PlaybookVersion): PlaybookSummary {
  const p = v.playbook;
  return {
    id: p.id,
    type: p.type,
    category: p.category,
    title: p.title,
    severity: p.severity,
    mitre: p.mitre,
    file: v.file,
    commit: v.commit,
    dirty: v.dirty,
    steps: allSteps(p).length,
    loadedAt: v.loadedAt,
  };
}
