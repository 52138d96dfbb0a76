import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUNDLE_MAGIC, parseBundle, type Bundle } from './baseline/bundle.js';
import { bundleFacts } from './baseline/host-facts.js';
import type { Fact, FactSet } from './fact.js';
import { aliyunSecurityGroup } from './importers/aliyun-security-group.js';
import { awsCredentialReport } from './importers/aws-credential-report.js';
import { awsRds } from './importers/aws-rds.js';
import { awsSecurityGroups } from './importers/aws-security-groups.js';
import { socdeckFacts } from './importers/socdeck-facts.js';
import { tencentCloud } from './importers/tencent-cloud.js';
import type { Importer } from './importers/types.js';

export const IMPORTERS: readonly Importer[] = [socdeckFacts, awsSecurityGroups, aliyunSecurityGroup, awsCredentialReport, awsRds, tencentCloud];

/** Bounds: a facts folder is a customer's exports, not a data lake. */
export const MAX_FACT_FILES = 2000;
export const MAX_FACT_FILE_BYTES = 32 * 1024 * 1024;

/** Turns one file's text into facts; the name is only used in messages. */
export function importFactsText(text: string, name: string): Fact[] {
  let content: unknown;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      content = JSON.parse(text);
    } catch (err) {
      throw new Error(`${name}: invalid JSON: ${(err as Error).message}`);
    }
  }
  const importer = IMPORTERS.find((i) => i.detect(content, text));
  if (!importer) throw new Error(`${name}: unrecognised facts format (known: ${IMPORTERS.map((i) => i.name).join(', ')})`);
  return importer.import(content, text, name);
}

/** A collector bundle (one host's baseline) or any importer's export, added to the set. */
export function addFactsText(set: FactSet, text: string, name: string): void {
  if (text.startsWith(BUNDLE_MAGIC)) addHostFacts(set, parseBundle(text, name));
  else set.facts.push(...importFactsText(text, name));
}

/** One host's baseline facts, with the kinds its probes looked for. */
export function addHostFacts(set: FactSet, bundle: Bundle): void {
  const host = bundleFacts(bundle);
  set.facts.push(...host.facts);
  set.collected ??= new Set();
  for (const k of host.collected) set.collected.add(k);
}

function listFiles(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden files and Markdown notes (a README beside the exports) are not facts.
    if (entry.name.startsWith('.') || entry.name.endsWith('.md')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(p, out);
    else if (entry.isFile()) out.push(p);
    if (out.length > MAX_FACT_FILES) return;
  }
}

/** Imports every file under dir. A bad file becomes a problem in the result; the rest still count. */
export function loadFactsDir(dir: string): FactSet {
  const files: string[] = [];
  listFiles(dir, files);
  const set: FactSet = { facts: [], problems: [] };
  if (files.length > MAX_FACT_FILES) {
    set.problems.push({ origin: dir, message: `more than ${MAX_FACT_FILES} files; only the first ${MAX_FACT_FILES} were read` });
    files.length = MAX_FACT_FILES;
  }
  for (const file of files) {
    const name = relative(dir, file);
    if (statSync(file).size > MAX_FACT_FILE_BYTES) {
      set.problems.push({ origin: name, message: `larger than ${MAX_FACT_FILE_BYTES} bytes, skipped` });
      continue;
    }
    try {
      addFactsText(set, readFileSync(file, 'utf8'), name);
    } catch (err) {
      set.problems.push({ origin: name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return set;
}
