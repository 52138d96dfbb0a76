/** Sigma rules compiled to matchers (see compile-rule.ts); the shapes every sigma file shares. */

/** One decoded log event: Sigma field names (after the log source's mapping) and the line it came from. */
export interface SigmaEvent {
  fields: Record<string, unknown>;
  /** The original line: what keyword (field-less) selections search. */
  raw: string;
}

/** A lint finding, pointing into the rule file (1-based line and column). */
export interface SigmaLintError {
  file: string;
  line: number;
  col: number;
  message: string;
}

export interface SigmaLogsource {
  product?: string;
  service?: string;
  category?: string;
}

export interface CompiledRule {
  file: string;
  id: string;
  title: string;
  level: string;
  tags: string[];
  logsource: SigmaLogsource;
  matches(event: SigmaEvent): boolean;
}

export type Matcher = (event: SigmaEvent) => boolean;

export function formatLintError(e: SigmaLintError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}
