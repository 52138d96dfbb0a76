import type { Alert } from '../../../shared/alert.js';
import type { AttackHint } from '../../../shared/attack/attack-ref.js';

/** What a parser extracts from one record; intake adds identity, dedup and bookkeeping. */
export type AlertFields = Pick<Alert, 'product' | 'ruleId' | 'title' | 'severity' | 'time' | 'mitre' | 'tags'> &
  Partial<Pick<Alert, 'rawSeverity' | 'host' | 'srcIp' | 'srcPort' | 'dstIp' | 'dstPort' | 'user' | 'process' | 'fileHash' | 'customer'>> &
  /** A product that reports events its user already handled (e.g. Tencent CWP) hands them in closed. */
  Partial<Pick<Alert, 'state' | 'disposition' | 'closeReason'>> & {
    /** What the product says about ATT&CK; the daemon's catalogue turns it into the alert's `attack`. */
    attackHints?: AttackHint[];
  };

export type ParseOutcome =
  | { kind: 'alert'; fields: AlertFields }
  /** A valid record that is not an alert (e.g. Suricata `flow`, `stats`): counted, not quarantined. */
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; reason: string };

export interface Parser {
  readonly format: string;
  /** Cheap structural test used by auto-detection; must not throw. */
  detect(rec: Record<string, unknown>): boolean;
  parse(rec: Record<string, unknown>): ParseOutcome;
}

/** A parser for plain-text lines (e.g. Suricata fast.log); tried when a line is not JSON. */
export interface TextParser {
  readonly format: string;
  /** undefined when the line is not in this parser's format. */
  parseLine(line: string): ParseOutcome | undefined;
}

export function reject(reason: string): ParseOutcome {
  return { kind: 'reject', reason };
}
