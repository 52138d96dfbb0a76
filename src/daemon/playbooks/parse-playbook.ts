import { incidentTypeInfo, isIncidentType } from '../../shared/incident-taxonomy.js';
import { COMMAND_PLATFORMS, PLAYBOOK_PHASES, STEP_ID_PATTERN, type LintIssue, type Playbook, type PlaybookPhase, type PlaybookStep } from '../../shared/playbook.js';
import { parseFrontMatter } from './front-matter.js';

export interface ParseResult {
  /** Present only when the file has no issues: a half-valid playbook is never served. */
  playbook: Playbook | undefined;
  issues: LintIssue[];
}

const PHASE_HEADING = /^##\s+(\S+)/;
const STEP_LINE = /^[-*]\s+\[[ xX]\]\s*(.*)$/;
const STEP_ID = /^`([^`]*)`\s*(.*)$/;
const FENCE = /^(\s*)(```|~~~)\s*([\w-]*)\s*$/;
const CJK = /[\u3400-\u9fff]/;

/**
 * Splits `中文 / English` at the first `/ ` with Chinese on the left and none on the right
 * (the space before the slash is optional after full-width punctuation such as `）`).
 */
export function splitBilingual(text: string): { zh: string; en: string } | undefined {
  for (let i = text.indexOf('/ '); i >= 0; i = text.indexOf('/ ', i + 1)) {
    const zh = text.slice(0, i).trim();
    const en = text.slice(i + 2).trim();
    if (CJK.test(zh) && en.length > 0 && !CJK.test(en)) return { zh, en };
  }
  return undefined;
}

interface Fence {
  line: number;
  marker: string;
  indent: number;
  lang: string;
  body: string[];
  step: PlaybookStep | undefined;
}

/**
 * Parses one playbook file (see playbooks/README.md for the format). `file` is the path
 * relative to the playbooks folder, used in issues and to check the id and category.
 */
export function parsePlaybook(text: string, file: string): ParseResult {
  const lines = text.split(/\r?\n/);
  const fm = parseFrontMatter(lines, file);
  const issues: LintIssue[] = [...fm.issues];
  const at = (line: number, message: string) => issues.push({ file, line, message });

  const phases: Playbook['phases'] = [];
  const stepLines = new Map<string, number>();
  let phase: Playbook['phases'][number] | undefined;
  let step: PlaybookStep | undefined;
  let fence: Fence | undefined;

  for (let i = fm.bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (fence) {
      const close = FENCE.exec(raw);
      if (close && close[2] === fence.marker && close[3] === '') {
        closeFence(fence);
        fence = undefined;
      } else fence.body.push(raw.slice(Math.min(fence.indent, raw.length - raw.trimStart().length)));
      continue;
    }
    const open = FENCE.exec(raw);
    if (open) {
      fence = { line: lineNo, marker: open[2]!, indent: open[1]!.length, lang: open[3]!, body: [], step };
      continue;
    }
    const heading = PHASE_HEADING.exec(raw);
    if (heading) {
      const key = heading[1]!.toLowerCase();
      if (!(PLAYBOOK_PHASES as readonly string[]).includes(key)) {
        at(lineNo, `unknown phase "${heading[1]}": phases are ${PLAYBOOK_PHASES.join(', ')}`);
        phase = undefined;
      } else if (phases.some((p) => p.phase === key)) {
        at(lineNo, `phase ${key} appears twice`);
        phase = undefined;
      } else {
        phase = { phase: key as PlaybookPhase, line: lineNo, steps: [] };
        phases.push(phase);
      }
      step = undefined;
      continue;
    }
    if (/^#\s/.test(raw) || /^###/.test(raw)) {
      step = undefined;
      continue;
    }
    const stepMatch = STEP_LINE.exec(raw);
    if (stepMatch) {
      step = parseStep(stepMatch[1]!, lineNo);
      continue;
    }
    if (step && /^\s{2,}\S/.test(raw)) step.notes.push(raw.trim());
    else if (raw.trim() !== '') step = undefined;
  }
  if (fence) at(fence.line, `code block is not closed (opened with ${fence.marker})`);

  checkPhases();
  const fmData = fm.data;
  if (fmData) checkIdentity(fmData.id, fmData.type);
  const steps = phases.flatMap((p) => p.steps);
  for (const platform of COMMAND_PLATFORMS) {
    if (!steps.some((s) => s.commands[platform].length > 0)) at(fm.bodyStart + 1, `no ${platform} commands: add a \`\`\`${platform} block under at least one step`);
  }
  if (issues.length > 0 || !fmData) return { playbook: undefined, issues };
  return {
    playbook: { id: fmData.id, type: fmData.type, category: incidentTypeInfo(fmData.type as never).category, title: fmData.title, severity: fmData.severity, mitre: fmData.mitre, file, phases },
    issues,
  };

  function parseStep(rest: string, lineNo: number): PlaybookStep | undefined {
    if (!phase) {
      at(lineNo, 'checklist step outside a phase: put it under a `## <phase>` heading');
      return undefined;
    }
    const m = STEP_ID.exec(rest.trim());
    if (!m) {
      at(lineNo, 'step has no id: write "- [ ] `step-id` 中文 / English"');
      return undefined;
    }
    const id = m[1]!;
    if (!STEP_ID_PATTERN.test(id)) at(lineNo, `step id "${id}" must be lowercase kebab-case, 2-48 characters`);
    const prev = stepLines.get(id);
    if (prev !== undefined) at(lineNo, `step id "${id}" is already used on line ${prev}; ids must be unique in a playbook`);
    else stepLines.set(id, lineNo);
    const text = splitBilingual(m[2]!);
    if (!text) at(lineNo, `step "${id}" text must be "中文 / English" (Chinese, then " / ", then English)`);
    const s: PlaybookStep = { id, phase: phase.phase, zh: text?.zh ?? '', en: text?.en ?? '', line: lineNo, notes: [], commands: { linux: [], windows: [] } };
    phase.steps.push(s);
    return s;
  }

  function closeFence(f: Fence): void {
    if (!(COMMAND_PLATFORMS as readonly string[]).includes(f.lang)) {
      at(f.line, `code block language "${f.lang}" is not one of ${COMMAND_PLATFORMS.join(', ')}`);
      return;
    }
    if (!f.step) {
      at(f.line, `${f.lang} code block is not under a step: put it right after the "- [ ]" line it belongs to`);
      return;
    }
    const body = f.body.join('\n').trim();
    if (body === '') at(f.line, `empty ${f.lang} code block`);
    else f.step.commands[f.lang as 'linux' | 'windows'].push(body);
  }

  function checkPhases(): void {
    const order = phases.map((p) => PLAYBOOK_PHASES.indexOf(p.phase));
    phases.forEach((p, i) => {
      if (i > 0 && order[i]! < order[i - 1]!) at(p.line, `phase ${p.phase} is out of order: phases go ${PLAYBOOK_PHASES.join(' → ')}`);
      if (p.steps.length === 0) at(p.line, `phase ${p.phase} has no checklist steps`);
    });
    const missing = PLAYBOOK_PHASES.filter((k) => !phases.some((p) => p.phase === k));
    if (missing.length > 0) at(phases.at(-1)?.line ?? fm.bodyStart + 1, `missing phase${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }

  function checkIdentity(id: string, type: string): void {
    const base = file.split('/').pop()!.replace(/\.md$/, '');
    if (id !== base) at(fm.lineOf('id'), `id "${id}" must match the file name "${base}"`);
    if (isIncidentType(type)) {
      const info = incidentTypeInfo(type);
      const folder = file.includes('/') ? file.split('/')[0] : '';
      if (folder !== info.category) at(fm.lineOf('type'), `type ${type} belongs in folder ${info.category}/, not ${folder || 'the top level'}`);
      if (id !== type) at(fm.lineOf('type'), `id "${id}" must equal type "${type}" (one playbook per taxonomy subtype)`);
    }
  }
}
