import { probeFiles, probeText } from './bundle.js';
import { configLines, scalar, type FactBuilder } from './fact-builder.js';

/** OpenSSH's compiled-in defaults for the settings the rules read (sshd_config(5), OpenSSH 9). */
const DEFAULTS: Record<string, string> = {
  port: '22',
  permitrootlogin: 'prohibit-password',
  passwordauthentication: 'yes',
  permitemptypasswords: 'no',
  x11forwarding: 'no',
  maxauthtries: '6',
  hostbasedauthentication: 'no',
  ignorerhosts: 'yes',
  permituserenvironment: 'no',
  logingracetime: '120',
  clientaliveinterval: '0',
  clientalivecountmax: '3',
  loglevel: 'info',
  maxsessions: '10',
  allowtcpforwarding: 'yes',
  allowagentforwarding: 'yes',
  gatewayports: 'no',
  permittunnel: 'no',
  strictmodes: 'yes',
  usepam: 'no',
  compression: 'yes',
  banner: 'none',
  kbdinteractiveauthentication: 'yes',
  pubkeyauthentication: 'yes',
};

/** sshd keeps the FIRST value of a keyword; drop-ins are read where `Include` stands. */
function parseFiles(files: Map<string, string>): { cfg: Record<string, string>; where: Record<string, string> } {
  const cfg: Record<string, string> = {};
  const where: Record<string, string> = {};
  const dropIns = [...files.keys()].filter((f) => f.includes('sshd_config.d/')).sort();
  const apply = (file: string) => {
    for (const l of configLines(files.get(file) ?? '')) {
      const [key, ...rest] = l.text.split(/\s+/);
      const k = key!.toLowerCase();
      if (k === 'match') return; // later lines apply to some connections only
      if (k === 'include') {
        dropIns.forEach(apply);
        continue;
      }
      if (k in cfg) continue;
      cfg[k] = rest.join(' ').toLowerCase();
      where[k] = `${file}:${l.line}`;
    }
  };
  if (files.has('/etc/ssh/sshd_config')) apply('/etc/ssh/sshd_config');
  return { cfg, where };
}

/**
 * The effective sshd settings: `sshd -T` when it ran (defaults and Match-free values resolved by
 * sshd itself), else the config files over the compiled-in defaults. Multi-value lists (ciphers,
 * MACs, key exchange) are only known from `sshd -T` or an explicit line.
 */
export function extractSsh(b: FactBuilder): void {
  const effective = probeText(b.bundle, 'sshd-effective');
  let cfg: Record<string, string | number> = {};
  let setAt: Record<string, string> = {};
  let origin = 'sshd -T';
  if (effective !== undefined && effective.trim() !== '') {
    for (const line of effective.split('\n')) {
      const [k, ...rest] = line.trim().split(/\s+/);
      if (k) cfg[k.toLowerCase()] = scalar(rest.join(' ').toLowerCase());
    }
  } else {
    const files = probeFiles(b.bundle, 'sshd-config');
    if (!files?.has('/etc/ssh/sshd_config')) return;
    const parsed = parseFiles(files);
    cfg = Object.fromEntries(Object.entries({ ...DEFAULTS, ...parsed.cfg }).map(([k, v]) => [k, scalar(v)]));
    setAt = parsed.where;
    origin = '/etc/ssh/sshd_config';
  }
  b.add('sshd', origin, { permitRootLogin: String(cfg.permitrootlogin), passwordAuthentication: String(cfg.passwordauthentication), port: Number(cfg.port), cfg, setAt });
}
