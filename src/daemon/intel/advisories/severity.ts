import type { Cvss, Exposure } from '../../../shared/intel.js';
import { SEVERITIES, severityRank, type Severity } from '../../../shared/severity.js';

function fromScore(score: number): Severity {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'info';
}

const WORDS: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', medium: 'medium', low: 'low', none: 'info' };

const raise = (s: Severity, min: Severity): Severity => SEVERITIES[Math.min(SEVERITIES.length - 1, Math.max(severityRank(s) + 1, severityRank(min)))] as Severity;

/**
 * Advisory severity: the highest CVSS base score given (v4, v3.x, v2, any source), else the
 * feed's word (GHSA MODERATE = medium), else medium; KEV raises it one level and to at least
 * high; an internet-exposed affected asset raises it one more level.
 */
export function advisorySeverity(cvss: Cvss[], words: string[], kev: boolean, exposure: Exposure): { severity: Severity; reason: string } {
  const scored = cvss.filter((c) => c.score !== undefined).sort((a, b) => (b.score as number) - (a.score as number))[0];
  const word = words.map((w) => WORDS[w.toLowerCase()]).find((s) => s !== undefined);
  let severity: Severity;
  const why: string[] = [];
  if (scored) {
    severity = fromScore(scored.score as number);
    why.push(`CVSS ${scored.version} ${scored.score} → ${severity}`);
  } else if (word) {
    severity = word;
    why.push(`feed severity ${words.find((w) => WORDS[w.toLowerCase()])} → ${severity}`);
  } else {
    severity = 'medium';
    why.push('no score in any feed → medium');
  }
  if (kev) {
    severity = raise(severity, 'high');
    why.push(`in CISA KEV → ${severity}`);
  }
  if (exposure === 'internet') {
    severity = raise(severity, 'info');
    why.push(`internet-exposed asset → ${severity}`);
  }
  return { severity, reason: why.join('; ') };
}
