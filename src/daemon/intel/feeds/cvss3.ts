/** CVSS v3.0/3.1 base score from a vector string (FIRST specification §7.1, Roundup from 3.1 appendix A). */
const W: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

function roundup(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

export function cvss3BaseScore(vector: string): number | undefined {
  const parts = new Map(vector.split('/').map((p) => p.split(':') as [string, string]));
  if (!/^3\.[01]$/.test(parts.get('CVSS') ?? '')) return undefined;
  const scope = parts.get('S');
  const pr = parts.get('PR');
  const get = (k: string) => W[k]?.[parts.get(k) ?? ''];
  const [av, ac, ui, c, i, a] = ['AV', 'AC', 'UI', 'C', 'I', 'A'].map(get);
  const prW = pr === 'N' ? 0.85 : pr === 'L' ? (scope === 'C' ? 0.68 : 0.62) : pr === 'H' ? (scope === 'C' ? 0.5 : 0.27) : undefined;
  if (av === undefined || ac === undefined || ui === undefined || c === undefined || i === undefined || a === undefined || prW === undefined) return undefined;
  if (scope !== 'U' && scope !== 'C') return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * prW * ui;
  if (impact <= 0) return 0;
  return scope === 'U' ? roundup(Math.min(impact + exploitability, 10)) : roundup(Math.min(1.08 * (impact + exploitability), 10));
}
