/**
 * Bundles the CLI after `tsc` (`npm run build` runs both): dist/cli.js becomes an esbuild ESM
 * bundle split per command, so a command loads its own chunk and the chunks it shares, in a
 * handful of files instead of hundreds. Start-up is dominated by resolving and compiling module
 * files (yargs alone is ~60 files, zod ~70), which one bundled file avoids.
 *
 *   node --import tsx scripts/build-cli.ts
 *
 * Libraries with native add-ons, optional requires or files read next to their own sources stay
 * external and load from node_modules as before; only those in BUNDLED are inlined. The daemon's
 * worker threads get entries of their own beside the chunks, since startWorker finds a worker
 * next to the module that starts it. dist/cli-meta.json maps each output file to its sources
 * (the lazy-commands test reads it to tell what a command loaded).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist');
const CHUNKS = 'cli-chunks';

/** Pure-JS libraries the CLI's cheap commands import; everything else stays external. */
const BUNDLED = new Set(['yargs', 'zod', 'yaml', 'ws']);
/** ws's optional native speed-ups, required inside try/catch: left to node_modules. */
const OPTIONAL_NATIVE = new Set(['bufferutil', 'utf-8-validate']);

const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * Decides per bare import from our own sources; a bundled library's own imports are bundled
 * with it (they may be nested in its node_modules, not hoisted).
 */
const choosePackages: Plugin = {
  name: 'choose-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = packageName(args.path);
      if (OPTIONAL_NATIVE.has(name)) return { path: args.path, external: true };
      if (args.importer.includes(`${'/'}node_modules/`)) return undefined;
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * yargs finds its locales and the caller's package.json (for `--version`) from its own file's
 * URL; inlined, that URL would be the chunk's. Point it back at yargs' installed file.
 */
const yargsShimUrl: Plugin = {
  name: 'yargs-shim-url',
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      const rel = args.path.slice(args.path.lastIndexOf('node_modules'));
      return { contents: src.replaceAll('import.meta.url', `new URL(${JSON.stringify(`../../${rel}`)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/**
 * After a command's handler starts, yargs renders that command's whole help text and keeps it,
 * in case the handler later asks for help or fails into yargs' default failure output. Ours never
 * does either (main() installs its own .fail), yet the rendering (string widths over Intl
 * segmentation, cold) costs every command ~30 ms. Help still renders in full on --help and on
 * usage errors, which do not go through this cache.
 */
const yargsNoEagerHelp: Plugin = {
  name: 'yargs-no-eager-help',
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]build[\\/]lib[\\/]usage\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      const eager = 'cachedHelpMessage = this.help();';
      if (!src.includes(eager)) throw new Error(`${args.path}: yargs changed; review yargsNoEagerHelp`);
      return { contents: src.replace(eager, ''), loader: 'js' };
    });
  },
};

/**
 * yargs measures every help line and word with string-width, which segments graphemes with
 * Intl.Segmenter and tests emoji regexes per character: cold, that is most of `--help`'s time.
 * Printable ASCII (no escape sequences) is one column per character in every string-width
 * version, so such strings take that answer straight away; anything else goes the full way.
 * Its module also builds an Intl.Segmenter on import (~13 ms cold, loading ICU data) that
 * commands printing no help never use: built on first use instead.
 */
const stringWidthAsciiFastPath: Plugin = {
  name: 'string-width-ascii',
  setup(b) {
    b.onLoad({ filter: /string-width[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      const head = /export default function stringWidth\((\w+), options = \{\}\) \{/.exec(src);
      if (!head) throw new Error(`${args.path}: string-width changed; review stringWidthAsciiFastPath`);
      const fast = `${head[0]}\n\tif (typeof ${head[1]} === 'string' && /^[\\x20-\\x7e]*$/.test(${head[1]})) return ${head[1]}.length;`;
      const eager = 'const segmenter = new Intl.Segmenter();';
      if (!src.includes(eager)) throw new Error(`${args.path}: string-width changed; review stringWidthAsciiFastPath`);
      const lazy = 'let segmenterOnce;\nconst segmenter = { segment: (s) => (segmenterOnce ??= new Intl.Segmenter()).segment(s) };';
      return { contents: src.replace(head[0], fast).replace(eager, lazy), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * zod's namespace object re-exports all of its ~50 message locales (a third of zod in the
 * bundle), so the bundler cannot drop them; every command that validates would parse them.
 * socdeck never switches zod's locale (no z.config / z.locales in src), and zod's default
 * English messages import en.js directly, so the index keeps English only.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const en = (await readFile(args.path, 'utf8')).split('\n').filter((l) => l.includes('"./en.js"'));
      if (en.length !== 1) throw new Error(`${args.path}: zod changed; review zodEnglishOnly`);
      return { contents: en[0]!, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

rmSync(join(OUT, CHUNKS), { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: [
    { in: 'src/cli.ts', out: `${CHUNKS}/cli` },
    { in: 'src/daemon/scan/scan-worker.ts', out: `${CHUNKS}/scan-worker` },
    { in: 'src/daemon/sources/parse-worker.ts', out: `${CHUNKS}/parse-worker` },
  ],
  outdir: OUT,
  chunkNames: `${CHUNKS}/[name]-[hash]`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less to parse at every start; names are kept (error classes and messages use them).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // Inlined CommonJS (yaml, ws) calls require() for Node built-ins; ESM chunks have none.
  banner: { js: "import { createRequire as __socdeckRequire } from 'node:module'; const require = __socdeckRequire(import.meta.url);" },
  plugins: [choosePackages, yargsShimUrl, yargsNoEagerHelp, zodEnglishOnly, stringWidthAsciiFastPath],
});
// Every output file sits in one folder, so paths relative to a chunk (yargs' shim, PACKAGE_ROOT,
// workers) are the same whichever chunk the code lands in; dist/cli.js only enters it.
writeFileSync(join(OUT, 'cli.js'), `import './${CHUNKS}/cli.js';\n`);
rmSync(join(OUT, 'cli.js.map'), { force: true });
writeFileSync(join(OUT, 'cli-meta.json'), JSON.stringify(result.metafile));
