import { watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { AlertFields } from '../sources/parsers/types.js';
import type { LineDetector } from '../sources/alert-intake.js';
import type { SourceReporter } from '../sources/source-reporter.js';
import type { Logger } from '../logger.js';
import { PACKAGE_ROOT } from '../config.js';
import { JSON_DECODERS } from './decoders/decoder-registry.js';
import { lintSigmaDir } from './lint-sigma-dir.js';
import { loadLogMappings } from './log-mapping.js';
import { sigmaAlertFields } from './sigma-alert.js';
import { SigmaDetector } from './sigma-detector.js';
import { SigmaRulesGit } from './sigma-rules-git.js';
import type { SigmaSourceConfig } from './sigma-source-config.js';
import { formatLintError } from './sigma-types.js';
import { SocdeckError } from '../../shared/errors.js';

export interface SigmaSourceDeps {
  source: string;
  cfg: SigmaSourceConfig;
  reporter: SourceReporter;
  log: Logger;
  now: () => number;
}

/**
 * One source's Sigma detection: the rules folder compiled and kept current (a change reloads it
 * after a short settle), rules that fail lint skipped and listed in the source's status.
 */
export class SigmaSource {
  readonly dir: string;
  private readonly detector: SigmaDetector;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly git: SigmaRulesGit | undefined;
  /** Git runs one record at a time, in reload order. */
  private versioning: Promise<void> = Promise.resolve();

  constructor(private readonly d: SigmaSourceDeps) {
    const mappings = loadLogMappings(d.cfg.mappingDirs);
    const mapping = mappings.get(d.cfg.mapping);
    if (!mapping) throw new SocdeckError('config_invalid', `source ${d.source}: sigma.mapping "${d.cfg.mapping}" is not a known log-source mapping (known: ${[...mappings.keys()].join(', ')})`);
    this.dir = isAbsolute(d.cfg.rules) ? d.cfg.rules : join(PACKAGE_ROOT, d.cfg.rules);
    this.detector = new SigmaDetector(mapping);
    this.git = d.cfg.git ? new SigmaRulesGit(this.dir) : undefined;
    this.reload();
  }

  /** Re-reads the rules folder; a broken rule is skipped (and reported), never fatal. */
  reload(): void {
    let errors: string[];
    try {
      const res = lintSigmaDir(this.dir);
      const active = this.detector.setRules(res.rules);
      errors = res.errors.map(formatLintError);
      this.d.log.info(`sigma: ${active} of ${res.rules.length} rules apply to ${this.detector.mapping.name}; ${errors.length} skipped with errors`);
    } catch (err) {
      errors = [`${this.dir}: ${(err as Error).message}`];
    }
    for (const e of errors) this.d.log.warn(`sigma: ${e}`);
    this.d.reporter.setRuleErrors(errors);
    if (this.git) this.versioning = this.versioning.then(() => this.record(this.git!));
  }

  /** A git failure leaves detection running: it is logged and the last known commit kept. */
  private async record(git: SigmaRulesGit): Promise<void> {
    try {
      const commit = await git.record();
      this.d.reporter.setRulesCommit(commit ?? undefined);
      if (commit) this.d.log.info(`sigma: rules in ${this.dir} at commit ${commit.slice(0, 12)}`);
    } catch (err) {
      this.d.log.warn(`sigma: could not record the rules in git (${String(err)})`);
    }
  }

  /** True when the mapping's decoder reads text lines, so a posted body is lines and never JSON. */
  get readsTextLines(): boolean {
    return !JSON_DECODERS.has(this.detector.mapping.decoder);
  }

  get detect(): LineDetector {
    return (raw) => {
      const out = this.detector.detect(raw);
      if ('error' in out) return { reject: `${this.detector.mapping.name}: ${out.error}` };
      const time = new Date(this.d.now()).toISOString();
      const alerts: AlertFields[] = out.rules.map((r) => sigmaAlertFields(r, out.event, this.detector.mapping, time));
      return { alerts };
    };
  }

  watch(): void {
    try {
      this.watcher = watch(this.dir, { recursive: true }, (_event, name) => {
        if (name && /(^|[\\/])\.git([\\/]|$)/.test(name)) return;
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => this.reload(), this.d.cfg.reloadDebounceMs);
      });
      this.watcher.on('error', (err) => this.d.log.warn(`sigma: watcher on ${this.dir} stopped (${String(err)})`));
    } catch (err) {
      this.d.log.warn(`sigma: cannot watch ${this.dir} (${String(err)}); rules load at start only`);
    }
  }

  /** Stops watching; resolves once a git record under way has finished. */
  close(): Promise<void> {
    clearTimeout(this.debounce);
    this.watcher?.close();
    return this.versioning;
  }
}
