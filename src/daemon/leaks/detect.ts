import { checksumValid } from './checksum.js';
import { joinConcatenations } from './concat.js';
import { shannonEntropy } from './entropy.js';
import type { CompiledRule, RuleSet } from './rules.js';

/** One secret a rule found in a piece of text. Holds the clear secret: never store or log it. */
export interface RawMatch {
  rule: CompiledRule;
  /** The secret in canonical form (see the rule's `normalize`). */
  secret: string;
  /** Offsets of the secret in the text. */
  start: number;
  end: number;
  /** 1-based line and column of the secret's first character. */
  line: number;
  column: number;
  /**
   * False when the rule's format checksum failed: a typo, a truncation or an invented example.
   * Not reported, but it still claims its text, so no fuzzy rule reports the same value.
   */
  checksumOk: boolean;
  /** For a paired secret: the match that made it credible (e.g. the SecretId of a SecretKey). */
  pairedWith: RawMatch | undefined;
}

/** Line starts of a text, for offset -> line lookups; built on first use, as most texts hold no secret. */
export class LineIndex {
  private built: number[] | undefined;

  constructor(private readonly text: string) {}

  private get starts(): number[] {
    if (!this.built) {
      this.built = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.built.push(i + 1);
    }
    return this.built;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** Text of a 1-based line (without its newline). */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }
}

/**
 * Which rule keywords occur in the text, in one pass: a single alternation is several times
 * faster than lower-casing the text and searching for each keyword. Every start position is
 * tried, so overlapping keywords are all seen; a match also counts the shorter keywords it contains.
 */
export function presentKeywords(text: string, ruleSet: RuleSet): Set<string> {
  const seen = new Set<string>();
  const re = ruleSet.keywordRe;
  if (!re) return seen;
  re.lastIndex = 0;
  for (let m = re.exec(text); m && seen.size < ruleSet.keywords.length; m = re.exec(text)) {
    const hit = m[0].toLowerCase();
    if (!seen.has(hit)) for (const k of ruleSet.keywords) if (hit.includes(k)) seen.add(k);
    re.lastIndex = m.index + 1;
  }
  return seen;
}

/**
 * The same private key is written as a PEM block, a string concatenation or a one-line
 * literal with \\n escapes; its fingerprint must not depend on which.
 */
function normalized(rule: CompiledRule, secret: string): string {
  if (rule.normalize !== 'pem-body') return secret;
  return secret
    .replace(/["']\s*\+\s*["']/g, '')
    .replace(/\\[rn]/g, '')
    .replace(/[\s"',]/g, '');
}

interface Scanned {
  text: string;
  lines: LineIndex;
  /** Offset in the original text of an offset in `text` (they differ where literals were joined). */
  toOriginal: (offset: number) => number;
}

function runRule(rule: CompiledRule, src: Scanned): RawMatch[] {
  const out: RawMatch[] = [];
  rule.re.lastIndex = 0;
  for (const m of src.text.matchAll(rule.re)) {
    const raw = m[rule.secretGroup];
    const span = m.indices?.[rule.secretGroup];
    if (raw === undefined || span === undefined) continue;
    const secret = normalized(rule, raw);
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
    const start = src.toOriginal(span[0]);
    const { line, column } = src.lines.position(start);
    out.push({
      rule,
      secret,
      start,
      end: src.toOriginal(span[1] - 1) + 1,
      line,
      column,
      checksumOk: rule.checksum ? checksumValid(rule.checksum, secret) : true,
      pairedWith: undefined,
    });
  }
  return out;
}

/** The nearest match of the required rule within range, not overlapping the candidate. */
function partnerFor(m: RawMatch, partners: RawMatch[], within: number): RawMatch | undefined {
  let best: RawMatch | undefined;
  for (const p of partners) {
    if (p.start < m.end && m.start < p.end) continue;
    const d = Math.abs(p.line - m.line);
    if (d <= within && (!best || d < Math.abs(best.line - m.line))) best = p;
  }
  return best;
}

/**
 * Runs every rule over a text. Paired rules only report next to their partner; where
 * matches overlap, specific rules beat generic ones and earlier rules beat later ones.
 * A token failing its format checksum wins its text and is then dropped.
 */
export function detect(text: string, ruleSet: RuleSet, lines: LineIndex = new LineIndex(text)): RawMatch[] {
  const joined = joinConcatenations(text);
  const src: Scanned = joined ? { text: joined.text, lines, toOriginal: joined.toOriginal } : { text, lines, toOriginal: (o) => o };
  const present = presentKeywords(src.text, ruleSet);
  const byRule = new Map<string, RawMatch[]>();
  const candidates: RawMatch[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.requires || (rule.keywords.length > 0 && !rule.keywords.some((k) => present.has(k)))) continue;
    const found = runRule(rule, src);
    byRule.set(rule.id, found);
    candidates.push(...found);
  }
  for (const rule of ruleSet.rules) {
    if (!rule.requires) continue;
    const partners = byRule.get(rule.requires.rule) ?? [];
    if (partners.length === 0) continue;
    for (const m of runRule(rule, src)) {
      const p = partnerFor(m, partners, rule.requires.withinLines);
      if (p) candidates.push({ ...m, pairedWith: p });
    }
  }
  candidates.sort((a, b) => Number(a.rule.generic) - Number(b.rule.generic) || a.rule.order - b.rule.order || a.start - b.start);
  const kept: RawMatch[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.filter((k) => k.checksumOk).sort((a, b) => a.start - b.start);
}
