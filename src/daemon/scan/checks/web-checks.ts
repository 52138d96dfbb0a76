import { httpGet, type HttpAnswer } from '../http-probe.js';
import { baseUrl, isHttp, type CheckContext, type CheckHit, type ServiceCheck } from './types.js';

function fetchPath(ctx: CheckContext, path: string): Promise<HttpAnswer | undefined> {
  const key = `GET ${path}`;
  let p = ctx.cache.get(key) as Promise<HttpAnswer | undefined> | undefined;
  if (!p) {
    p = httpGet(ctx.target.host, ctx.target.port, path, { tls: ctx.target.service === 'https', timeoutMs: ctx.timeoutMs });
    ctx.cache.set(key, p);
  }
  return p;
}

const isHtml = (r: HttpAnswer) => /html/i.test(r.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(r.body);
const firstLine = (s: string) => s.split('\n')[0]!.trim().slice(0, 80);

/** A file that should never be served: found when the body looks like the real thing, not a catch-all page. */
function exposedFile(id: string, title: string, path: string, looksReal: (body: string) => boolean, remediationId: string): ServiceCheck {
  return {
    id,
    title,
    severity: 'high',
    remediationId,
    appliesTo: isHttp,
    async run(ctx) {
      const r = await fetchPath(ctx, path);
      if (r?.status !== 200 || isHtml(r) || !looksReal(r.body)) return [];
      return [{ url: `${baseUrl(ctx.target)}${path}`, evidence: `GET ${path} → 200, starts "${firstLine(r.body).replace(/=.*/, '=…')}"` }];
    },
  };
}

export const gitExposed = exposedFile('web-git-exposed', 'Exposed .git repository', '/.git/HEAD', (b) => /^(ref: refs\/|[0-9a-f]{40}\s*$)/.test(b), 'web-hide-vcs');
export const envExposed = exposedFile('web-env-exposed', 'Exposed .env file', '/.env', (b) => /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/m.test(b), 'web-hide-secrets');

const BACKUP_PATHS = ['/backup.zip', '/backup.tar.gz', '/www.zip', '/site.tar.gz', '/db.sql', '/dump.sql', '/index.php.bak', '/web.config.bak'] as const;

export const backupFiles: ServiceCheck = {
  id: 'web-backup-file',
  title: 'Backup or dump file downloadable',
  severity: 'high',
  remediationId: 'web-remove-backups',
  appliesTo: isHttp,
  async run(ctx) {
    const hits: CheckHit[] = [];
    for (const path of BACKUP_PATHS) {
      const r = await fetchPath(ctx, path);
      if (r && r.status === 200 && !isHtml(r) && r.body.length > 0)
        hits.push({ url: `${baseUrl(ctx.target)}${path}`, evidence: `GET ${path} → 200 (${r.headers['content-type'] ?? 'no content-type'})` });
    }
    return hits;
  },
};

export const directoryListing: ServiceCheck = {
  id: 'web-directory-listing',
  title: 'Directory listing enabled',
  severity: 'medium',
  remediationId: 'web-no-autoindex',
  appliesTo: isHttp,
  async run(ctx) {
    const r = await fetchPath(ctx, '/');
    return r && r.status === 200 && /<title>\s*(Index of \/|Directory listing for \/)/i.test(r.body)
      ? [{ url: `${baseUrl(ctx.target)}/`, evidence: 'GET / returns an auto-generated index page' }]
      : [];
  },
};

const DEFAULT_PAGES = /Welcome to nginx|Apache2 \w+ Default Page|Test Page for the (Apache|nginx)|IIS Windows Server|It works!/i;

export const defaultPage: ServiceCheck = {
  id: 'web-default-page',
  title: 'Default web server page',
  severity: 'low',
  remediationId: 'web-default-page',
  appliesTo: isHttp,
  async run(ctx) {
    const r = await fetchPath(ctx, '/');
    const m = r ? DEFAULT_PAGES.exec(r.body) : null;
    return m ? [{ url: `${baseUrl(ctx.target)}/`, evidence: `GET / shows "${m[0]}"` }] : [];
  },
};

export const securityHeaders: ServiceCheck = {
  id: 'web-security-headers',
  title: 'Missing HTTP security headers',
  severity: 'low',
  remediationId: 'web-security-headers',
  appliesTo: isHttp,
  async run(ctx) {
    const r = await fetchPath(ctx, '/');
    if (!r) return [];
    const wanted = ['content-security-policy', 'x-content-type-options', 'x-frame-options', ...(ctx.target.service === 'https' ? ['strict-transport-security'] : [])];
    const missing = wanted.filter((h) => !(h in r.headers));
    return missing.length ? [{ url: `${baseUrl(ctx.target)}/`, evidence: `GET / lacks ${missing.join(', ')}` }] : [];
  },
};

export const versionDisclosure: ServiceCheck = {
  id: 'web-version-disclosure',
  title: 'Server version disclosed in HTTP headers',
  severity: 'low',
  remediationId: 'web-hide-version',
  appliesTo: isHttp,
  async run(ctx) {
    const r = await fetchPath(ctx, '/');
    if (!r) return [];
    const shown = (['server', 'x-powered-by'] as const).filter((h) => /\d/.test(r.headers[h] ?? '')).map((h) => `${h}: ${r.headers[h]!.slice(0, 80)}`);
    return shown.length ? [{ url: `${baseUrl(ctx.target)}/`, evidence: shown.join('; ') }] : [];
  },
};
