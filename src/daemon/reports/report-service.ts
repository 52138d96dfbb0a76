import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { loadFactsDir } from '../assess/load-facts.js';
import type { FactSet } from '../assess/fact.js';
import { loadMlps, type MlpsData } from '../assess/mlps/mlps-catalogue.js';
import { loadRulePacks, type Rule } from '../assess/rule-pack.js';
import { SocdeckError } from '../../shared/errors.js';
import type { ReportEntry } from '../../shared/report.js';
import { ReportArchive } from './archive.js';
import { buildReport, type BuildRequest } from './gather.js';
import type { Lang } from './i18n/locale.js';
import type { RecordSource } from './inputs/read-collection.js';
import { renderDoc } from './render/render.js';
import { customerSettings, type ReportsConfig } from './reports-config.js';
import type { ReportFormat, ReportKind } from './report-kinds.js';

export function fromPackageRoot(p: string): string {
  return isAbsolute(p) ? p : join(PACKAGE_ROOT, p);
}

export interface ProduceRequest {
  kind: ReportKind;
  customer: string;
  formats: readonly ReportFormat[];
  actor: string;
  lang?: Lang;
  period?: string;
  id?: string;
}

/** Builds reports from the store, renders them and archives the files: what RPC and cron share. */
export class ReportService {
  readonly archive: ReportArchive;
  private readonly rules: Rule[];
  private readonly mlps: MlpsData;

  constructor(
    private readonly cfg: ReportsConfig,
    private readonly records: RecordSource,
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.archive = new ReportArchive(dataDir);
    // Loaded once at start so a broken pack stops the daemon with file:line, not a 09:00 cron.
    this.rules = loadRulePacks(fromPackageRoot(cfg.rulesDir));
    this.mlps = loadMlps(
      fromPackageRoot(cfg.mlpsDir),
      this.rules.map((r) => r.id),
    );
  }

  private facts(factsDir: string | undefined): FactSet {
    if (!factsDir) return { facts: [], problems: [] };
    const dir = fromPackageRoot(factsDir);
    if (!existsSync(dir)) return { facts: [], problems: [{ origin: dir, message: 'facts folder does not exist' }] };
    return loadFactsDir(dir);
  }

  produce(req: ProduceRequest): { entry: ReportEntry; content: string }[] {
    const settings = customerSettings(this.cfg, req.customer);
    const lang = req.lang ?? settings.lang;
    const build: BuildRequest = { kind: req.kind, customer: req.customer, lang, tz: settings.tz, now: this.now(), ...(req.period ? { period: req.period } : {}), ...(req.id ? { id: req.id } : {}) };
    const built = buildReport(build, {
      records: this.records,
      tuning: this.cfg.tuning,
      assessment: () => ({ rules: this.rules, facts: this.facts(settings.factsDir), mlps: { data: this.mlps, level: settings.mlpsLevel ?? 3 } }),
    });
    if (req.formats.length === 0) throw new SocdeckError('invalid_params', 'no report format asked for');
    return req.formats.map((format) => {
      const content = renderDoc(built.doc, format);
      const entry = this.archive.save({ kind: req.kind, customer: req.customer, subject: built.subject, lang, format, createdAt: new Date(build.now).toISOString(), createdBy: req.actor }, content);
      return { entry, content };
    });
  }
}
