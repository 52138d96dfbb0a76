import type { SigmaDetector } from './sigma-detector.js';
import type { CompiledRule, SigmaEvent } from './sigma-types.js';

export interface LineHit {
  line: number;
  rules: CompiledRule[];
  event: SigmaEvent;
}

export interface RunResult {
  hits: LineHit[];
  /** Lines the log source's decoder could not read, with why. */
  undecodable: { line: number; reason: string }[];
  lines: number;
}

/** Every non-blank line of a log file through the detector: what matched and what could not be read, by line number. */
export function runRulesOnText(detector: SigmaDetector, text: string): RunResult {
  const out: RunResult = { hits: [], undecodable: [], lines: 0 };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    out.lines++;
    const d = detector.detect(line);
    if ('error' in d) out.undecodable.push({ line: i + 1, reason: d.error });
    else if (d.rules.length > 0) out.hits.push({ line: i + 1, rules: d.rules, event: d.event });
  });
  return out;
}
