import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Creates the demo repository: a TEST key pair, freshly random (so never a real key),
 * committed to config and then "removed" in a later commit, so the demo shows a secret that
 * is only in history. Returns the repository path; an existing demo repo is kept.
 */
/** The demo repository's folder in the data dir. */
export const DEMO_LEAK_REPO_DIR = 'demo-leak-repo';

export async function seedDemoLeakRepo(dataDir: string): Promise<string> {
  const dir = join(dataDir, DEMO_LEAK_REPO_DIR);
  if (existsSync(join(dir, '.git'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const git = simpleGit(dir);
  await git.init();
  await git.addConfig('user.name', 'socdeck demo', false, 'local');
  await git.addConfig('user.email', 'demo@socdeck.invalid', false, 'local');
  writeFileSync(join(dir, 'README.md'), '# demo service\n\nA sample repository with a planted TEST key for the socdeck leak monitor.\n');
  const secretId = `AKID${randomFrom(ALNUM, 32)}`;
  const secretKey = randomFrom(ALNUM, 32);
  const awsId = `AKIA${randomFrom(BASE32, 16)}`;
  writeFileSync(
    join(dir, 'deploy.env'),
    `# TEST credentials planted by the socdeck demo (random, not a real key)\nTENCENTCLOUD_SECRET_ID=${secretId}\nTENCENTCLOUD_SECRET_KEY=${secretKey}\nAWS_ACCESS_KEY_ID=${awsId}\n`,
  );
  await git.add(['README.md', 'deploy.env']);
  await git.commit('add deploy settings');
  writeFileSync(join(dir, 'deploy.env'), '# credentials now come from the secret store\n');
  await git.add(['deploy.env']);
  await git.commit('remove credentials from deploy.env');
  return dir;
}
