import type { SourceRegistry } from '../module.js';

type State = 'running' | 'idle' | 'error' | 'stopped';

/** Keeps one source's counters and pushes its status to the daemon's source registry. */
export class SourceReporter {
  ingested = 0;
  private state: State = 'idle';
  private lastError: string | undefined;
  private ruleErrors: string[] = [];
  private rulesCommit: string | undefined;

  constructor(
    private readonly registry: SourceRegistry,
    readonly name: string,
    readonly kind: string,
  ) {
    this.push();
  }

  counted(accepted: number): void {
    this.ingested += accepted;
    this.set('running');
  }

  set(state: State, error?: unknown): void {
    this.state = state;
    if (error !== undefined) this.lastError = error instanceof Error ? error.message : String(error);
    else if (state === 'running') this.lastError = undefined;
    this.push();
  }

  /** Kept until the next rule reload replaces them, whatever the ingest state does meanwhile. */
  setRuleErrors(errors: string[]): void {
    this.ruleErrors = errors;
    this.push();
  }

  setRulesCommit(commit: string | undefined): void {
    this.rulesCommit = commit;
    this.push();
  }

  private push(): void {
    this.registry.report({
      name: this.name,
      kind: this.kind,
      state: this.state,
      ingested: this.ingested,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.ruleErrors.length > 0 ? { ruleErrors: this.ruleErrors } : {}),
      ...(this.rulesCommit ? { rulesCommit: this.rulesCommit } : {}),
    });
  }
}
