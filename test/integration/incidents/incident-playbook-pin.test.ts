import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestDaemon, tempDir, type TestDaemon } from '../../support/daemon.js';
import { makePlaybookRepo, playbookOverrides, type PlaybookRepo } from '../playbooks/playbook-repo.js';

const RANSOMWARE = 'host-intrusion/ransomware.md';

let td: TestDaemon | undefined;
let repo: PlaybookRepo | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await td?.stop();
  repo?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
  td = undefined;
  repo = undefined;
});

describe('an incident pins the playbook commit it follows', () => {
  it('shows an update committed later with its diff, survives a restart, and re-pins keeping checklist state', async () => {
    repo = makePlaybookRepo();
    const first = repo.git('rev-parse', 'HEAD');
    dataDir = tempDir();
    td = await startTestDaemon({ dataDir, configOverrides: playbookOverrides(repo.dir) });
    const alice = await td.connect('alice');

    const { incident } = await alice.request('incidents.create', { type: 'ransomware', title: 'Files encrypted on FS-01' });
    expect(incident.playbook).toMatchObject({ id: 'ransomware', commit: first, pinnedBy: 'alice' });
    expect(incident.severity).toBe('critical');
    await alice.request('incidents.check', { id: incident.id, step: 'prep-backups', done: true });
    await alice.request('incidents.check', { id: incident.id, step: 'ct-shares', done: true });
    expect((await alice.request('incidents.get', { id: incident.id })).playbook.updated).toBe(false);

    // An analyst edits the playbook in their editor and commits it: a step's text changes, one step is removed, one is added.
    const second = repo.editAndCommit(
      RANSOMWARE,
      (t) =>
        t
          .replace(
            'Identify affected hosts, the family (ransom note, extension) and first encryption time',
            'Identify affected hosts, the family (ransom note, extension, ID Ransomware) and first encryption time',
          )
          .replace(/- \[ \] `ct-shares`[^\n]*\n(?: {2}[^\n]*\n)*/, '')
          .replace(
            '## eradicate 根除 / Eradicate\n',
            '## eradicate 根除 / Eradicate\n\n- [ ] `er-gpo` 检查攻击者修改的组策略 / Check GPOs changed by the attacker\n  ```windows\n  Get-GPO -All | Sort-Object ModificationTime -Descending | Select-Object -First 10 DisplayName,ModificationTime\n  ```\n',
          ),
      'ransomware: GPO step, shares step merged into isolation',
    );
    await expect
      .poll(async () => (await alice.request('incidents.get', { id: incident.id })).playbook, { timeout: 15_000, interval: 100 })
      .toEqual({
        updated: true,
        pinnedCommit: first,
        latestCommit: second,
        missing: false,
      });
    const diff = await alice.request('playbooks.diff', { id: 'ransomware', from: first });
    expect(diff.diff).toContain('+- [ ] `er-gpo` 检查攻击者修改的组策略 / Check GPOs changed by the attacker');
    expect(diff.diff).toContain('-- [ ] `ct-shares`');
    expect((await alice.request('incidents.list')).incidents.find((i) => i.id === incident.id)?.playbookUpdated).toBe(true);
    // Until re-pinned, the checklist is still the pinned version's.
    await expect(alice.request('incidents.check', { id: incident.id, step: 'er-gpo', done: true })).rejects.toMatchObject({ code: 'not_found' });

    // History survives a daemon restart: pin, checklist, timeline and the update notice.
    await td.stop();
    td = await startTestDaemon({ dataDir, configOverrides: playbookOverrides(repo.dir) });
    const bob = await td.connect('bob');
    const after = await bob.request('incidents.get', { id: incident.id });
    expect(after.incident.playbook?.commit).toBe(first);
    expect(after.playbook.updated).toBe(true);
    expect(after.incident.checklist.filter((c) => c.done).map((c) => [c.step, c.by])).toEqual([
      ['prep-backups', 'alice'],
      ['ct-shares', 'alice'],
    ]);
    expect((await bob.request('playbooks.log', { id: 'ransomware' })).commits.map((c) => c.hash)).toEqual([second, first]);

    const { incident: repinned } = await bob.request('incidents.repin', { id: incident.id });
    expect(repinned.playbook).toMatchObject({ commit: second, pinnedBy: 'bob' });
    expect(repinned.playbook?.steps.map((s) => s.id)).toContain('er-gpo');
    expect(repinned.timeline.at(-1)).toMatchObject({ actor: 'bob', text: expect.stringContaining('steps no longer in it: ct-shares') });
    expect((await bob.request('incidents.get', { id: incident.id })).playbook.updated).toBe(false);
    await bob.request('incidents.check', { id: incident.id, step: 'er-gpo', done: true });
    const list = await bob.request('incidents.list');
    // prep-backups carried over by id; ct-shares is gone from the pinned version.
    expect(list.incidents.find((i) => i.id === incident.id)).toMatchObject({ stepsDone: 2, playbookUpdated: false });
    await expect(bob.request('incidents.repin', { id: incident.id })).rejects.toMatchObject({ code: 'conflict' });
    // A guard, not a speed assertion: two daemon starts and git on a loaded 2-core CI box.
  }, 90_000);
});
