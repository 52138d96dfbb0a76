import { readFileSync, statSync } from 'node:fs';
import { SocdeckError } from '../../shared/errors.js';

/**
 * Resolves `env:NAME` / `file:PATH` (or a literal, for URLs) to its value. A secret file
 * readable by group or others is refused: a channel secret must be as private as the token.
 */
export function resolveSecret(ref: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const v = env[name];
    if (!v) throw new SocdeckError('config_invalid', `${where}: environment variable ${name} is not set`);
    return v.trim();
  }
  if (ref.startsWith('file:')) {
    const path = ref.slice(5);
    let mode: number;
    try {
      mode = statSync(path).mode;
    } catch (err) {
      throw new SocdeckError('config_invalid', `${where}: secret file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if ((mode & 0o077) !== 0) throw new SocdeckError('config_invalid', `${where}: secret file ${path} is mode ${(mode & 0o777).toString(8)}; chmod 600 it`);
    return readFileSync(path, 'utf8').trim();
  }
  return ref;
}

/** `https://host/…` — what a log may show of a URL that may carry a token. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/** Replaces every occurrence of the given secrets (and their URL-encoded forms) in text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
  }
  return out;
}
