import { probeFiles, probeText } from './bundle.js';
import { configLines, settings, type FactBuilder } from './fact-builder.js';

const DAY_MS = 86_400_000;
const NO_LOGIN = /(nologin|false|sync|shutdown|halt)$/;

function shadowRows(text: string | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const line of (text ?? '').split('\n')) {
    const [user, status, last, min, max, warn, inactive] = line.split(':');
    if (!user || !status) continue;
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    const lastDays = num(last);
    out.set(user, {
      passwordStatus: status === 'E' ? 'empty' : status === 'L' ? 'locked' : 'set',
      lastChange: lastDays && lastDays > 0 ? new Date(lastDays * DAY_MS).toISOString().slice(0, 10) : undefined,
      maxDays: num(max) ?? 99999,
      minDays: num(min) ?? 0,
      warnDays: num(warn),
      inactiveDays: num(inactive) ?? -1,
    });
  }
  return out;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [
    ...new Set(
      values.filter((v) => {
        if (seen.has(v)) return true;
        seen.add(v);
        return false;
      }),
    ),
  ];
}

/** Accounts (`/etc/passwd` joined with the shadow status) and the account database as a whole. */
function extractAccounts(b: FactBuilder): void {
  const passwd = probeText(b.bundle, 'passwd');
  if (passwd === undefined) return;
  const shadowText = probeText(b.bundle, 'shadow');
  const shadow = shadowRows(shadowText);
  const groupText = probeText(b.bundle, 'group');
  const groups = (groupText ?? '')
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4);
  const rows = passwd
    .split('\n')
    .map((l, i) => ({ f: l.split(':'), line: i + 1 }))
    .filter((r) => r.f.length >= 7);
  for (const { f, line } of rows) {
    const uid = Number(f[2]);
    b.add('account', `/etc/passwd:${line}`, {
      user: f[0],
      uid,
      gid: Number(f[3]),
      home: f[5],
      shell: f[6],
      shadowed: f[1] === 'x',
      system: uid < 1000 && uid !== 0,
      interactive: !NO_LOGIN.test(f[6] ?? ''),
      ...(shadow.get(f[0]!) ?? {}),
    });
  }
  const gids = new Set(groups.map((g) => g[2]));
  const shadowGroup = groups.find((g) => g[0] === 'shadow');
  b.add('account_db', '/etc/passwd', {
    duplicateUids: duplicates(rows.map((r) => r.f[2]!)).length,
    duplicateUsers: duplicates(rows.map((r) => r.f[0]!)).length,
    ...(groupText === undefined
      ? {}
      : {
          duplicateGids: duplicates(groups.map((g) => g[2]!)).length,
          duplicateGroups: duplicates(groups.map((g) => g[0]!)).length,
          missingGroups: rows.filter((r) => !gids.has(r.f[3])).length,
          shadowGroupMembers: shadowGroup?.[3] ? shadowGroup[3] : '',
        }),
    ...(shadowText === undefined ? {} : { lockedAccounts: [...shadow.values()].filter((s) => s.passwordStatus === 'locked').length }),
  });
}

/** login.defs, pwquality and the PAM stack, as one policy per host. */
function extractPolicy(b: FactBuilder): void {
  const defsText = probeFiles(b.bundle, 'login-defs')?.get('/etc/login.defs');
  if (defsText === undefined) return;
  const defs = settings(defsText, /^(\w+)\s+(.*)$/, 'last');
  const n = (k: string) => (defs.has(k) ? Number(defs.get(k)!.value) : undefined);
  const pwq = new Map<string, { value: string; line: number }>();
  for (const [, text] of probeFiles(b.bundle, 'pwquality') ?? []) for (const [k, v] of settings(text, /^(\w+)\s*=\s*(.*)$/, 'last')) pwq.set(k, v);
  const pamFiles = probeFiles(b.bundle, 'pam');
  const pam = pamFiles ? [...pamFiles.values()].flatMap((t) => configLines(t).map((l) => l.text)).join('\n') : undefined;
  const has = (re: RegExp) => (pam === undefined ? undefined : re.test(pam));
  const remember = pam === undefined ? undefined : Number(/pam_(?:unix|pwhistory)\.so[^\n]*\bremember=(\d+)/.exec(pam)?.[1] ?? 0);
  const minLen = pwq.has('minlen') ? Number(pwq.get('minlen')!.value) : (n('pass_min_len') ?? 0);
  const su = pamFiles?.get('/etc/pam.d/su');
  b.add('password_policy', '/etc/login.defs', {
    maxDays: n('pass_max_days') ?? 99999,
    minDays: n('pass_min_days') ?? 0,
    warnAge: n('pass_warn_age') ?? 0,
    minLen,
    umask: defs.get('umask')?.value ?? '022',
    encryptMethod: (defs.get('encrypt_method')?.value ?? 'DES').toUpperCase(),
    hashRoundsSet: defs.has('sha_crypt_min_rounds') || defs.has('sha_crypt_max_rounds') || defs.has('yescrypt_cost_factor'),
    minClass: pwq.has('minclass') ? Number(pwq.get('minclass')!.value) : 0,
    pamQuality: has(/pam_(pwquality|cracklib|passwdqc)\.so/),
    pamLockout: has(/pam_(faillock|tally2|tally)\.so/),
    pamHash: pam === undefined ? undefined : (/pam_unix\.so[^\n]*\b(sha512|yescrypt|blowfish)\b/.exec(pam)?.[1] ?? (/pam_unix\.so[^\n]*\bmd5\b/.test(pam) ? 'md5' : 'default')),
    remember,
    pamTmpdir: has(/pam_tmpdir\.so/),
    suRestricted: su === undefined ? undefined : configLines(su).some((l) => /^auth\s+required\s+pam_wheel\.so/.test(l.text)),
  });
}

/** sudoers: passwordless and unauthenticated grants, and its own logging. */
function extractSudoers(b: FactBuilder): void {
  const files = probeFiles(b.bundle, 'sudoers');
  if (!files || files.size === 0) return;
  const lines = [...files.values()].flatMap((t) => configLines(t).map((l) => l.text));
  const defaults = lines.filter((l) => l.startsWith('Defaults'));
  const timeout = defaults.map((d) => /timestamp_timeout\s*=\s*(-?\d+)/.exec(d)?.[1]).find((v) => v !== undefined);
  b.add('sudoers', '/etc/sudoers', {
    nopasswdAll: lines.some((l) => /NOPASSWD\s*:\s*ALL\s*$/.test(l)),
    noAuthenticate: defaults.some((d) => /!authenticate/.test(d)),
    usePty: defaults.some((d) => /\buse_pty\b/.test(d) && !/!use_pty/.test(d)),
    logfile: defaults.some((d) => /\blogfile\s*=/.test(d)),
    timestampTimeout: timeout === undefined ? 15 : Number(timeout),
  });
}

export function extractAuth(b: FactBuilder): void {
  extractAccounts(b);
  extractPolicy(b);
  extractSudoers(b);
}
