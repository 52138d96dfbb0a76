import { execFile } from 'node:child_process';
import { SocdeckError } from '../../../shared/errors.js';
import { findExecutable } from '../executable.js';
import { MAX_NMAP_XML_BYTES, parseNmapXml, type NmapReport } from './nmap-xml.js';
import { parseNucleiJsonl, type NucleiResult } from './nuclei-jsonl.js';

const onPathCache = new Map<string, boolean>();

/** Whether an engine binary is installed; looked up once per process. */
export function onPath(bin: 'nmap' | 'nuclei'): boolean {
  let hit = onPathCache.get(bin);
  if (hit === undefined) {
    hit = findExecutable(bin) !== undefined;
    onPathCache.set(bin, hit);
  }
  return hit;
}

function run(bin: string, args: string[], signal: AbortSignal | undefined, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: MAX_NMAP_XML_BYTES, timeout: timeoutMs, ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      if (err && !stdout) reject(new SocdeckError('internal', `${bin} failed: ${(stderr || err.message).split('\n')[0]}`));
      else resolve(stdout);
    });
  });
}

/** Ports as nmap wants them: 22,80,8000-8100. */
function portList(ports: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ports.length; ) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j]! + 1) j++;
    out.push(i === j ? String(ports[i]) : `${ports[i]}-${ports[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** nmap service/version detection over ports our scan found open (addresses already scope-checked). */
export async function nmapVersions(addresses: readonly string[], ports: readonly number[], signal: AbortSignal | undefined, timeoutMs: number): Promise<NmapReport> {
  const xml = await run('nmap', ['-sT', '-sV', '-Pn', '-n', '-T4', '-p', portList(ports), '-oX', '-', '--', ...addresses], signal, timeoutMs);
  return parseNmapXml(xml, 'nmap -oX -');
}

/** nuclei over the web URLs our scan found (scope-checked addresses only), JSONL output. */
export async function nucleiScan(urls: readonly string[], signal: AbortSignal | undefined, timeoutMs: number): Promise<NucleiResult[]> {
  const args = ['-jsonl', '-silent', '-disable-update-check', ...urls.flatMap((u) => ['-u', u])];
  const out = await run('nuclei', args, signal, timeoutMs);
  return out.trim() ? parseNucleiJsonl(out, 'nuclei -jsonl').results : [];
}
