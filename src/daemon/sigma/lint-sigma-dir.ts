import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileRule } from './compile-rule.js';
import type { CompiledRule, SigmaLintError } from './sigma-types.js';

export interface SigmaDirResult {
  rules: CompiledRule[];
  errors: SigmaLintError[];
  /** Every .yml/.yaml file seen, relative to the folder, in order. */
  files: string[];
}

/** Every rule file under `dir` (recursively, `.git` left out), compiled; files are named relative to `dir`. */
export function lintSigmaDir(dir: string): SigmaDirResult {
  const out: SigmaDirResult = { rules: [], errors: [], files: [] };
  for (const path of ruleFiles(dir)) {
    const file = relative(dir, path) || path;
    out.files.push(file);
    const res = compileRule(file, readFileSync(path, 'utf8'));
    if (res.ok) out.rules.push(res.rule);
    else out.errors.push(...res.errors);
  }
  return out;
}

function ruleFiles(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...ruleFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}
