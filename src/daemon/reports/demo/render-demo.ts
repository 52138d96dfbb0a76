import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFactsDir } from '../../assess/load-facts.js';
import { loadMlps } from '../../assess/mlps/mlps-catalogue.js';
import { loadRulePacks } from '../../assess/rule-pack.js';
import { buildReport } from '../gather.js';
import { LANGS } from '../i18n/locale.js';
import { renderDoc } from '../render/render.js';
import { REPORT_FORMATS, REPORT_KIND_NAMES } from '../report-kinds.js';
import { fromPackageRoot } from '../report-service.js';
import { ReportsConfig } from '../reports-config.js';
import { DEMO_ITEM_IDS, demoRecords } from './demo-records.js';

/** Where the bundled demo exports live, relative to the package root. */
export const DEMO_FACTS_DIR = 'demo/assessment';

/** Renders every report kind, in every language and format, from the bundled demo dataset. */
export function renderDemo(outDir: string, now: number): string[] {
  const cfg = ReportsConfig.parse({});
  const records = demoRecords(now);
  const rules = loadRulePacks(fromPackageRoot(cfg.rulesDir));
  const facts = loadFactsDir(fromPackageRoot(DEMO_FACTS_DIR));
  const mlps = {
    data: loadMlps(
      fromPackageRoot(cfg.mlpsDir),
      rules.map((r) => r.id),
    ),
    level: 3 as const,
  };
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const kind of REPORT_KIND_NAMES) {
    for (const lang of LANGS) {
      const id = kind === 'advisory' || kind === 'leak' || kind === 'incident' ? DEMO_ITEM_IDS[kind] : undefined;
      const built = buildReport(
        { kind, customer: 'default', lang, tz: cfg.timeZone, now, ...(id ? { id } : {}) },
        { records, tuning: { minAlerts: 5, minFpRate: 0.6 }, assessment: () => ({ rules, facts, mlps }) },
      );
      for (const format of REPORT_FORMATS) {
        const file = join(outDir, `${kind}.${lang}.${format}`);
        writeFileSync(file, renderDoc(built.doc, format));
        files.push(file);
      }
    }
  }
  return files;
}
