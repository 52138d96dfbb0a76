import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isGlob, pathGlob } from './path-glob.js';
import { pathAllowed, scanText, type DetectedSecret, type TextScanOptions } from './scan-text.js';

export interface PathScanOptions extends TextScanOptions {
  /** Files larger than this are skipped (and listed as skipped). */
  maxFileBytes: number;
  signal?: AbortSignal;
}

export interface PathScanResult {
  findings: DetectedSecret[];
  filesScanned: number;
  bytesScanned: number;
  skipped: { path: string; reason: string }[];
}

/** Most skipped paths a result lists; the rest are only counted in the reason of the last one. */
const MAX_SKIPPED_LISTED = 200;
/** A NUL byte in the first block marks a binary file, as git and grep decide it. */
const BINARY_SNIFF_BYTES = 8000;

function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

class Walker {
  readonly result: PathScanResult = { findings: [], filesScanned: 0, bytesScanned: 0, skipped: [] };
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Set<string>();
  private skippedCount = 0;

  constructor(private readonly opts: PathScanOptions) {}

  skip(path: string, reason: string): void {
    this.skippedCount++;
    if (this.result.skipped.length < MAX_SKIPPED_LISTED) this.result.skipped.push({ path, reason });
    else this.result.skipped[MAX_SKIPPED_LISTED - 1] = { path: '…', reason: `${this.skippedCount - MAX_SKIPPED_LISTED + 1} more skipped` };
  }

  /** Walks `dir` (real path `rootReal`), reporting paths as `display/<rel>`. */
  async walk(rootReal: string, display: string, match: ((rel: string) => boolean) | undefined): Promise<void> {
    const stack = [''];
    // Symlinked files go last, so a file reachable both ways is reported under its real path.
    const linked: { abs: string; rel: string }[] = [];
    while (stack.length > 0) {
      this.opts.signal?.throwIfAborted();
      const relDir = stack.pop()!;
      const real = await realpath(join(rootReal, relDir));
      if (this.seenDirs.has(real)) continue;
      this.seenDirs.add(real);
      const entries = await readdir(join(rootReal, relDir), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        this.skip(join(display, relDir), `unreadable folder (${err.code ?? err.message})`);
        return [];
      });
      for (const e of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
        const rel = relDir ? `${relDir}/${e.name}` : e.name;
        const abs = join(rootReal, rel);
        let isDir = e.isDirectory();
        const isLink = e.isSymbolicLink();
        if (isLink) {
          const target = await realpath(abs).catch(() => undefined);
          if (!target || !isInside(rootReal, target)) {
            this.skip(join(display, rel), 'symlink leaves the scan root');
            continue;
          }
          isDir = (await stat(target)).isDirectory();
        }
        if (isDir) {
          if (!pathAllowed(this.opts.ruleSet.allowlist, `${rel}/`)) stack.push(rel);
        } else if (!match || match(rel)) {
          if (isLink) linked.push({ abs, rel });
          else await this.file(abs, rel, join(display, rel));
        }
      }
    }
    for (const l of linked) await this.file(l.abs, l.rel, join(display, l.rel));
  }

  async file(abs: string, rel: string, display: string): Promise<void> {
    if (pathAllowed(this.opts.ruleSet.allowlist, rel)) return;
    const real = await realpath(abs);
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    const st = await stat(real);
    if (!st.isFile()) return;
    if (st.size > this.opts.maxFileBytes) return this.skip(display, `larger than ${this.opts.maxFileBytes} bytes`);
    if (await looksBinary(real)) return this.skip(display, 'binary');
    const text = await readFile(real, 'utf8');
    this.result.filesScanned++;
    this.result.bytesScanned += st.size;
    this.result.findings.push(...scanText(text, { file: display }, { ...this.opts }));
  }
}

async function looksBinary(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, BINARY_SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead).includes(0);
  } finally {
    await fh.close();
  }
}

/**
 * Scans files, folders and globs. Skips binaries and oversized files (listing them), never
 * follows a symlink out of its root, and visits each real file once.
 */
export async function scanPaths(inputs: readonly string[], opts: PathScanOptions): Promise<PathScanResult> {
  const w = new Walker(opts);
  for (const input of inputs) {
    if (isGlob(input)) {
      const { base, matches } = pathGlob(input);
      await w.walk(await realpath(base), base, matches);
      continue;
    }
    const st = await lstat(input);
    if (st.isSymbolicLink()) {
      w.skip(input, 'symlink given as a scan root');
    } else if (st.isDirectory()) {
      await w.walk(await realpath(input), input, undefined);
    } else {
      await w.file(input, input.split('/').pop() ?? input, input);
    }
  }
  return w.result;
}
