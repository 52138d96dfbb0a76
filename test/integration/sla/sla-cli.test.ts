import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, requireBuild } from '../../support/child-daemon.js';

const socdeck = (...args: string[]) => runCli(args, { timeoutMs: 60_000 });

beforeAll(() => requireBuild());

// Each run loads the whole CLI in a fresh node; on a loaded machine that is seconds, so the
// per-test budget is wider than the default (a hang still fails).
describe('socdeck sla due / between (no daemon)', { timeout: 90_000 }, () => {
  it('prints the due time on the cn calendar, as JSON with --json', async () => {
    const res = await socdeck('sla', 'due', '--start', '2026-02-13T16:45:00+08:00', '--minutes', '30', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ due: '2026-02-14T10:15:00+08:00' });
  });

  it('prints business minutes between two times', async () => {
    const res = await socdeck('sla', 'between', '--from', '2026-09-30T16:30:00+08:00', '--to', '2026-10-08T10:30:00+08:00');
    expect(res).toMatchObject({ code: 0, stdout: '60\n' });
  });

  it('refuses a time without an offset and names the flag', async () => {
    const res = await socdeck('sla', 'due', '--start', '2026-02-13T16:45', '--minutes', '30');
    expect(res.code).toBe(2); // a usage error
    expect(res.stderr).toContain('--start: "2026-02-13T16:45" is not an ISO time with an offset');
  });
});
