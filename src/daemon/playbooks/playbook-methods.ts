import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SocdeckError } from '../../shared/errors.js';
import { summarisePlaybook, type PlaybookVersion } from '../../shared/playbook.js';
import { audited } from '../audit/audit-log.js';
import type { RpcRegistry } from '../module.js';
import type { Store } from '../store/store.js';
import { parsePlaybook } from './parse-playbook.js';
import type { PlaybookCatalog } from './playbook-catalog.js';

export function registerPlaybookMethods(rpc: RpcRegistry, catalog: PlaybookCatalog, store: Store, now: () => number): void {
  const need = (id: string): PlaybookVersion => {
    const v = catalog.get(id);
    if (!v) throw new SocdeckError('not_found', `no playbook ${id} (see \`socdeck playbooks lint\`)`);
    return v;
  };

  rpc.register('playbooks.list', () => ({ playbooks: catalog.all().map(summarisePlaybook), issues: catalog.lintIssues }));

  rpc.register('playbooks.get', async ({ id, rev }) => {
    const v = need(id);
    // Without a revision: the working copy, which is what the catalog was loaded from.
    if (rev === undefined) return { playbook: v.playbook, commit: v.commit, text: await readFile(join(catalog.dir, v.file), 'utf8') };
    const commit = await catalog.git.resolve(rev);
    const text = await catalog.git.show(v.file, commit);
    const parsed = parsePlaybook(text, v.file);
    if (!parsed.playbook) {
      throw new SocdeckError('conflict', `${v.file} at ${commit.slice(0, 12)} does not lint: ${parsed.issues.map((i) => `line ${i.line ?? '?'}: ${i.message}`).join('; ')}`);
    }
    return { playbook: parsed.playbook, commit, text };
  });

  rpc.register('playbooks.log', async ({ id, limit }) => {
    const v = need(id);
    return { file: v.file, commits: await catalog.git.log(v.file, limit ?? 50) };
  });

  rpc.register('playbooks.diff', async ({ id, from, to }) => {
    const v = need(id);
    const target = to ?? v.commit;
    if (!target) throw new SocdeckError('not_found', `${v.file} has never been committed, so it has no history to diff`);
    const [a, b] = [await catalog.git.resolve(from), await catalog.git.resolve(target)];
    return { file: v.file, from: a, to: b, diff: await catalog.git.diff(v.file, a, b) };
  });

  rpc.register('playbooks.reload', (_p, s) =>
    audited(
      store,
      now,
      { actor: s.actor, action: 'playbooks.reload', target: { kind: 'playbook', id: '*' } },
      async () => ({ changed: await catalog.reload(), issues: catalog.lintIssues }),
      (r) => ({ changed: r.changed, issues: r.issues.length }),
    ),
  );
}
