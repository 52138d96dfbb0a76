import { maskSecret, fingerprintSecret } from '../../shared/secret-mask.js';
import type { Severity } from '../../shared/severity.js';
import { detect, LineIndex, type RawMatch } from './detect.js';
import type { Allowlist, RuleSet } from './rules.js';

/** A secret found by a scan, already masked: this is what leaves the scanner. */
export interface DetectedSecret {
  rule: string;
  provider: string;
  title: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  commit?: string;
  author?: string;
  date?: string;
  /** Public web address of the line (a watcher's hit on a code host). */
  url?: string;
  masked: string;
  length: number;
  fingerprint: string;
  confidence: 'high' | 'low';
  pairedWith?: string;
}

export interface SuppressionCounts {
  allowlist: number;
  inline: number;
  baseline: number;
}

export interface TextScanOptions {
  ruleSet: RuleSet;
  /** Fingerprints accepted as known (a baseline file); counted, not reported. */
  baseline: ReadonlySet<string>;
  suppressed: SuppressionCounts;
  /**
   * Hands each reported secret (and the key it pairs with) to live-key verification, which
   * keeps it in memory for one call. Absent, nothing outside the scanner sees a clear secret.
   */
  reveal?: (fingerprint: string, secret: string) => void;
}

/** Written on the line of a secret (in any comment syntax) to accept it there. */
export const INLINE_ALLOW = 'socdeck:allow';
/** detect-secrets' marker: lines a team already accepted with that tool stay accepted here. */
const FOREIGN_INLINE_ALLOW = 'pragma: allowlist secret';

export function pathAllowed(list: Allowlist, relPath: string): boolean {
  return list.paths.some((re) => {
    re.lastIndex = 0;
    return re.test(relPath);
  });
}

function valueAllowed(list: Allowlist, secret: string): boolean {
  if (list.values.has(secret)) return true;
  const lower = secret.toLowerCase();
  if (list.stopwords.some((w) => lower.includes(w))) return true;
  return list.valueRegexes.some((re) => {
    re.lastIndex = 0;
    return re.test(secret);
  });
}

function allowlisted(m: RawMatch, opts: TextScanOptions, file: string): boolean {
  const own = m.rule.allowlist;
  if (own && (pathAllowed(own, file) || valueAllowed(own, m.secret))) return true;
  if (m.rule.generic && valueAllowed(opts.ruleSet.genericAllowlist, m.secret)) return true;
  return valueAllowed(opts.ruleSet.allowlist, m.secret);
}

/**
 * Detects, filters and masks the secrets in one text (a file, or the added lines of a diff
 * hunk). `lineOffset` maps the text's first line to its line in the file.
 */
export function scanText(text: string, location: { file: string; lineOffset?: number; commit?: string; author?: string; date?: string; url?: string }, opts: TextScanOptions): DetectedSecret[] {
  const lines = new LineIndex(text);
  const out: DetectedSecret[] = [];
  for (const m of detect(text, opts.ruleSet, lines)) {
    if (allowlisted(m, opts, location.file)) {
      opts.suppressed.allowlist++;
      continue;
    }
    const lineText = lines.lineText(m.line);
    if (lineText.includes(INLINE_ALLOW) || lineText.includes(FOREIGN_INLINE_ALLOW)) {
      opts.suppressed.inline++;
      continue;
    }
    const masked = maskSecret(m.secret, m.rule.provider);
    if (opts.baseline.has(masked.fingerprint)) {
      opts.suppressed.baseline++;
      continue;
    }
    const line = m.line + (location.lineOffset ?? 0);
    if (opts.reveal) {
      opts.reveal(masked.fingerprint, m.secret);
      if (m.pairedWith) opts.reveal(fingerprintSecret(m.pairedWith.secret), m.pairedWith.secret);
    }
    out.push({
      rule: m.rule.id,
      provider: m.rule.provider,
      title: m.rule.title,
      severity: m.rule.severity,
      file: location.file,
      line,
      column: m.column,
      ...(location.commit ? { commit: location.commit } : {}),
      ...(location.author ? { author: location.author } : {}),
      ...(location.date ? { date: location.date } : {}),
      ...(location.url ? { url: `${location.url}#L${line}` } : {}),
      masked: masked.masked,
      length: masked.length,
      fingerprint: masked.fingerprint,
      // A fuzzy rule's finding is a guess from a name and a random-looking value.
      confidence: m.rule.generic ? 'low' : 'high',
      ...(m.pairedWith ? { pairedWith: fingerprintSecret(m.pairedWith.secret) } : {}),
    });
  }
  return out;
}
