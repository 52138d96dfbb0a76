import { probeText } from './bundle.js';
import { parseLs, type FactBuilder } from './fact-builder.js';

/** Sensitive files by name: mode, owner, group. */
function extractPerms(b: FactBuilder): void {
  const text = probeText(b.bundle, 'perms');
  if (text === undefined) return;
  b.markCollected('file_perm');
  for (const line of text.split('\n')) {
    const e = parseLs(line);
    if (e) b.add('file_perm', e.path, { path: e.path, mode: e.mode, uid: e.uid, gid: e.gid, type: e.type === 'd' ? 'directory' : e.type === 's' ? 'socket' : 'file' });
  }
}

/**
 * One find over the root file system: world-writable paths (kind `path`, as the first host pack
 * reads them), SUID/SGID programs and files without an owner.
 */
function extractFind(b: FactBuilder): void {
  const text = probeText(b.bundle, 'find-root');
  if (text === undefined) return;
  for (const kind of ['path', 'suid_file', 'unowned_file']) b.markCollected(kind);
  const users = new Set((probeText(b.bundle, 'passwd') ?? '').split('\n').map((l) => l.split(':')[2]));
  const groups = new Set((probeText(b.bundle, 'group') ?? '').split('\n').map((l) => l.split(':')[2]));
  for (const line of text.split('\n')) {
    const e = parseLs(line);
    if (!e || e.type === 'l') continue;
    const mode = parseInt(e.mode, 8);
    if (mode & 0o002) b.add('path', e.path, { path: e.path, mode: e.mode, worldWritable: true, sticky: (mode & 0o1000) !== 0, directory: e.type === 'd' });
    if (e.type === '-' && mode & 0o6000) b.add('suid_file', e.path, { path: e.path, mode: e.mode, uid: e.uid, setuid: (mode & 0o4000) !== 0, setgid: (mode & 0o2000) !== 0 });
    if (users.size > 1 && (!users.has(String(e.uid)) || (groups.size > 1 && !groups.has(String(e.gid))))) b.add('unowned_file', e.path, { path: e.path, uid: e.uid, gid: e.gid });
  }
}

/** Interactive users' home folders and the trust files that bypass passwords. */
function extractHomes(b: FactBuilder): void {
  const text = probeText(b.bundle, 'homes');
  if (text === undefined) return;
  b.markCollected('home');
  const homes = new Map<string, Record<string, unknown>>();
  for (const line of text.split('\n')) {
    const e = parseLs(line);
    if (!e) continue;
    if (e.type === 'd') homes.set(e.path, { path: e.path, mode: e.mode, uid: e.uid, rhosts: false, netrc: false, forward: false });
    else {
      const dir = e.path.slice(0, e.path.lastIndexOf('/'));
      const file = e.path.slice(dir.length + 2);
      const h = homes.get(dir);
      if (h && (file === 'rhosts' || file === 'shosts')) h.rhosts = true;
      else if (h && (file === 'netrc' || file === 'forward')) h[file] = true;
    }
  }
  for (const [path, data] of homes) b.add('home', path, data);
}

export function extractFiles(b: FactBuilder): void {
  extractPerms(b);
  extractFind(b);
  extractHomes(b);
}
