import type { GithubApi } from './github-api.js';
import type { OrgDirectory, RepoSource } from './repo-watch.js';

async function allPages<T>(api: GithubApi, first: string): Promise<T[]> {
  const out: T[] = [];
  for (let next: string | undefined = first; next; ) {
    const page: { body: T[]; next: string | undefined } = await api.get<T[]>(next);
    out.push(...page.body);
    next = page.next;
  }
  return out;
}

/**
 * The two hosts list the same things at the same paths and differ in how a repository is
 * described: GitHub gives a `clone_url`; Gitee's `html_url` is the clone URL (it ends in `.git`)
 * and the web view is that URL without the suffix.
 */
function directory<R>(api: GithubApi, source: (repo: R) => RepoSource): OrgDirectory {
  const repos = async (path: string) => (await allPages<R>(api, path)).map(source);
  return {
    orgRepos: (org) => repos(`/orgs/${encodeURIComponent(org)}/repos?type=public&per_page=100`),
    memberLogins: async (org) => (await allPages<{ login: string }>(api, `/orgs/${encodeURIComponent(org)}/members?per_page=100`)).map((m) => m.login),
    userRepos: (login) => repos(`/users/${encodeURIComponent(login)}/repos?type=owner&per_page=100`),
  };
}

const blob = (web: string) => (commit: string, file: string) => `${web}/blob/${commit}/${file}`;

export const githubDirectory = (api: GithubApi) => directory<{ clone_url: string; html_url: string }>(api, (r) => ({ url: r.clone_url, target: r.html_url, web: blob(r.html_url) }));

export const giteeDirectory = (api: GithubApi) =>
  directory<{ html_url: string }>(api, (r) => {
    const web = r.html_url.replace(/\.git$/, '');
    return { url: `${web}.git`, target: web, web: blob(web) };
  });
