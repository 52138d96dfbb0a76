import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, HTTP_PERMISSIONS, METHOD_PERMISSIONS, resolveRoles } from '../../../src/shared/permissions.js';

/** The README's permission table, as the table in permissions.ts says it must read. */
function expectedTable(): string {
  const roles = resolveRoles(BUILTIN_ROLES);
  const byPerm = new Map<string, string[]>();
  for (const [m, p] of Object.entries({ ...METHOD_PERMISSIONS, ...HTTP_PERMISSIONS })) byPerm.set(p, [...(byPerm.get(p) ?? []), m]);
  const names = [...roles.keys()];
  const rows = [...byPerm].map(([p, ms]) => `| \`${p}\` | ${names.map((r) => (roles.get(r)!.has(p as never) ? '✓' : '')).join(' | ')} | ${ms.map((m) => `\`${m}\``).join(', ')} |`);
  return [`| permission | ${names.join(' | ')} | methods and routes |`, `|---|${names.map(() => ':-:').join('|')}|---|`, ...rows].join('\n');
}

describe('README permission table', () => {
  it('is the table in src/shared/permissions.ts, row for row', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(expectedTable());
  });

  it('built-in roles nest: each one has every permission of the one below', () => {
    const r = resolveRoles(BUILTIN_ROLES);
    for (const [lower, upper] of [
      ['viewer', 'analyst'],
      ['analyst', 'lead'],
      ['lead', 'admin'],
    ] as const) {
      for (const p of r.get(lower)!) expect(r.get(upper)!.has(p), `${upper} has ${p}`).toBe(true);
    }
  });

  it('refuses a role inheriting an unknown role or inheriting in a cycle', () => {
    expect(() => resolveRoles({ a: { inherits: 'nope', permissions: [] } })).toThrow('role a inherits unknown role nope');
    expect(() => resolveRoles({ a: { inherits: 'b', permissions: [] }, b: { inherits: 'a', permissions: [] } })).toThrow('cycle');
  });
});
