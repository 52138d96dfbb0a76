import type { OpenPort } from '../../shared/scan.js';

/** A fingerprinted service named the way NVD's CPEs name it, with the version its banner claims. */
export interface ServiceIdentity {
  product: string;
  version: string;
  /** `vendor:product` pairs; NVD filed some products under two vendors over the years. */
  cpe: readonly string[];
  /** Maps a version (ours and the feed's) to a form compareGeneric orders correctly. */
  comparable?: (v: string) => string;
  /** The banner names a distribution build, whose maintainers often backport fixes without a new upstream version. */
  distroBuild: boolean;
}

/**
 * OpenSSH portable releases are `9.8p1`, which NVD splits into version 9.8 and update p1, and
 * which a generic comparison would order before 9.8 (a letter suffix reads as a pre-release).
 * As 9.8.0.1 it sorts after 9.8 and before 9.8p2 and 9.9.
 */
const opensshComparable = (v: string) => v.replace(/p(\d+)$/, '.0.$1');

interface Row {
  product: string;
  cpe: readonly string[];
  /** Matched against the banner and against "product version" (ours or nmap's); group 1 is the version. */
  pattern: RegExp;
  comparable?: (v: string) => string;
}

/** First match wins, so MariaDB (which also answers the MySQL handshake) comes before MySQL. */
const ROWS: readonly Row[] = [
  { product: 'OpenSSH', cpe: ['openbsd:openssh'], pattern: /\bOpenSSH[_ ](\d+\.\d+(?:p\d+)?)(?![\w.])/, comparable: opensshComparable },
  { product: 'nginx', cpe: ['f5:nginx', 'nginx:nginx'], pattern: /\bnginx[/ ](\d+\.\d+\.\d+)(?![\w.])/i },
  { product: 'Apache httpd', cpe: ['apache:http_server'], pattern: /\bApache(?:\/| httpd )(\d+\.\d+\.\d+)(?![\w.])/ },
  { product: 'Redis', cpe: ['redis:redis', 'redislabs:redis'], pattern: /(?:\bredis_version:|\bRedis(?: key-value store)? )(\d+\.\d+\.\d+)(?![\w.])/ },
  { product: 'MariaDB', cpe: ['mariadb:mariadb'], pattern: /(?:^|[ -])(\d+\.\d+\.\d+)-MariaDB\b/ },
  { product: 'MySQL', cpe: ['oracle:mysql', 'mysql:mysql'], pattern: /^MySQL (\d+\.\d+\.\d+)(?![\w.])/ },
  { product: 'PostgreSQL', cpe: ['postgresql:postgresql'], pattern: /\bPostgreSQL(?: DB)? (\d+\.\d+(?:\.\d+)?)(?![\w.]| -)/ },
  { product: 'vsftpd', cpe: ['vsftpd_project:vsftpd', 'beasts:vsftpd'], pattern: /\bvsftpd (\d+\.\d+\.\d+)(?![\w.])/i },
  { product: 'Exim', cpe: ['exim:exim'], pattern: /\bExim(?: smtpd)? (\d+\.\d+(?:\.\d+)?)(?![\w.])/ },
  { product: 'Postfix', cpe: ['postfix:postfix'], pattern: /\bPostfix(?: smtpd)? (\d+\.\d+\.\d+)(?![\w.])/ },
];

const DISTRO_BUILD = /ubuntu|debian|deb\d+u\d+|raspbian|\.el\d|centos|red ?hat|suse|alpine|freebsd/i;

/**
 * What a fingerprint says a port runs, as (product, version, CPE names), or undefined when
 * neither the banner nor the product/version fields name a version: then there is nothing to match.
 */
export function serviceIdentity(p: Pick<OpenPort, 'banner' | 'product' | 'version'>): ServiceIdentity | undefined {
  const texts = [p.banner ?? '', [p.product, p.version].filter(Boolean).join(' ')].filter(Boolean);
  for (const row of ROWS) {
    for (const text of texts) {
      const version = row.pattern.exec(text)?.[1];
      if (!version) continue;
      return {
        product: row.product,
        version,
        cpe: row.cpe,
        ...(row.comparable ? { comparable: row.comparable } : {}),
        distroBuild: texts.some((t) => DISTRO_BUILD.test(t)),
      };
    }
  }
  return undefined;
}
