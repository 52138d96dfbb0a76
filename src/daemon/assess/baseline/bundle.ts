import { SocdeckError } from '../../../shared/errors.js';
import { PROBE_IDS } from './probes.js';

/** One probe's answer: its exit status and stdout. */
export interface ProbeOutput {
  rc: number;
  text: string;
}

/** What the collector script (or the SSH collector) brought back from one host. */
export interface Bundle {
  host: string;
  /** Where it came from, for evidence: `ssh:web-01`, `local`, `collect-web01.txt`. */
  source: string;
  probes: Map<string, ProbeOutput>;
}

export const BUNDLE_MAGIC = '@@socdeck-bundle 1';

/** Text of a probe that ran cleanly, else undefined: a failed probe is "not collected". */
export function probeText(b: Bundle, id: string): string | undefined {
  const p = b.probes.get(id);
  return p && p.rc === 0 ? p.text : undefined;
}

/** Splits `@@file PATH` sections of a multi-file probe into path -> text. */
export function probeFiles(b: Bundle, id: string): Map<string, string> | undefined {
  const text = probeText(b, id);
  if (text === undefined) return undefined;
  const out = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined) out.set(current, lines.join('\n').replace(/\n$/, ''));
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('@@file ')) {
      flush();
      current = line.slice(7);
      lines = [];
    } else lines.push(line);
  }
  flush();
  return out;
}

/** Parses the collector script's output. Unknown probes are refused: the allowlist is closed. */
export function parseBundle(text: string, source: string): Bundle {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trim() !== BUNDLE_MAGIC) throw new SocdeckError('invalid_params', `${source}:1: not a socdeck collector bundle (expected "${BUNDLE_MAGIC}")`);
  const hostLine = lines[1] ?? '';
  if (!hostLine.startsWith('@@host ')) throw new SocdeckError('invalid_params', `${source}:2: expected "@@host NAME"`);
  const bundle: Bundle = { host: hostLine.slice(7).trim() || 'unknown', source, probes: new Map() };
  let open: { id: string; start: number; body: string[] } | undefined;
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i]!;
    if (open === undefined) {
      if (line === '') continue;
      const m = /^@@probe ([a-z0-9-]+)$/.exec(line);
      if (!m) throw new SocdeckError('invalid_params', `${source}:${i + 1}: expected "@@probe ID", got ${JSON.stringify(line.slice(0, 60))}`);
      if (!PROBE_IDS.has(m[1]!)) throw new SocdeckError('invalid_params', `${source}:${i + 1}: unknown probe "${m[1]}"`);
      open = { id: m[1]!, start: i + 1, body: [] };
      continue;
    }
    const rc = /^@@rc ([a-z0-9-]+) (\d+)$/.exec(line);
    if (rc && rc[1] === open.id) {
      // The script prints a newline before the rc marker so it always starts a line; drop it.
      if (open.body.at(-1) === '') open.body.pop();
      bundle.probes.set(open.id, { rc: Number(rc[2]), text: open.body.join('\n') });
      open = undefined;
    } else open.body.push(line);
  }
  if (open) throw new SocdeckError('invalid_params', `${source}:${open.start}: probe "${open.id}" has no end marker (bundle cut short?)`);
  return bundle;
}
