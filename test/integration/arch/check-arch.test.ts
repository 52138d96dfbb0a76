import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/child-daemon.js';
import { tempDir } from '../../support/daemon.js';

const DEPCRUISE = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** A miniature socdeck tree with the project's own boundary config, checked as `npm run check:arch` does. */
function tree(files: Record<string, string>): string {
  const dir = tempDir();
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json']) copyFileSync(join(REPO_ROOT, f), join(dir, f));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function checkArch(cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DEPCRUISE, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

const DOWNWARD = {
  'src/shared/alert.ts': 'export interface Alert { id: string }\n',
  'src/daemon/store/store.ts': "import type { Alert } from '../../shared/alert.js';\nexport const rows: Alert[] = [];\n",
  'src/daemon/bus.ts': "import type { Alert } from '../shared/alert.js';\nexport type Handler = (a: Alert) => void;\n",
  'src/daemon/server/server.ts': "import { rows } from '../store/store.js';\nexport const count = () => rows.length;\n",
  'src/daemon/triage/triage.ts': "import type { Handler } from '../bus.js';\nexport const h: Handler = () => {};\n",
  'src/client/client.ts': "import type { Alert } from '../shared/alert.js';\nexport const seen: Alert[] = [];\n",
  'src/tui/app.ts': "import { seen } from '../client/client.js';\nexport const n = seen.length;\n",
};

describe('npm run check:arch (dependency-cruiser layer rules)', () => {
  it('passes a tree whose arrows point down and fails each kind of back-arrow', async () => {
    const ok = await checkArch(tree(DOWNWARD));
    expect(ok.out).toMatch(/no dependency violations found/);
    expect(ok.code).toBe(0);

    const bad = await checkArch(
      tree({
        ...DOWNWARD,
        // shared reaching up into the daemon; the TUI around the client; the core naming a service;
        // a service importing the server; and a two-file cycle.
        'src/shared/alert.ts': "import { rows } from '../daemon/store/store.js';\nexport interface Alert { id: string }\nexport const n = rows.length;\n",
        'src/tui/app.ts': "import { count } from '../daemon/server/server.js';\nexport const n = count();\n",
        'src/daemon/bus.ts': "import { h } from './triage/triage.js';\nexport type Handler = (a: unknown) => void;\nexport const first = h;\n",
        'src/daemon/triage/triage.ts': "import { count } from '../server/server.js';\nimport type { Handler } from '../bus.js';\nexport const h: Handler = () => count();\n",
      }),
    );
    expect(bad.code).not.toBe(0);
    for (const rule of ['shared-is-the-bottom', 'tui-not-daemon', 'core-knows-no-service', 'services-not-server', 'no-circular']) expect(bad.out, rule).toContain(rule);
  });
});
