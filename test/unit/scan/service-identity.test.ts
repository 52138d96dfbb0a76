import { describe, expect, it } from 'vitest';
import { classifyBanner } from '../../../src/daemon/scan/fingerprint.js';
import { serviceIdentity } from '../../../src/daemon/scan/service-identity.js';

const mysqlGreeting = (version: string) => {
  const body = Buffer.concat([Buffer.from([0x0a]), Buffer.from(version, 'latin1'), Buffer.from([0]), Buffer.alloc(20, 1)]);
  return Buffer.concat([Buffer.from([body.length & 255, (body.length >> 8) & 255, 0, 0]), body]);
};
/** What our fingerprint makes of a greeting, as the scan hands it on. */
const greeting = (b: Buffer | string, port: number) => classifyBanner(Buffer.isBuffer(b) ? b : Buffer.from(b), port)!;

describe('banner → (product, version, CPE names)', () => {
  it.each([
    // Server greetings as the stock packages send them.
    { seen: greeting('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n', 22), want: { product: 'OpenSSH', version: '8.2p1', cpe: ['openbsd:openssh'], distroBuild: true } },
    { seen: greeting('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n', 22), want: { product: 'OpenSSH', version: '9.2p1', distroBuild: true } },
    { seen: greeting('SSH-2.0-OpenSSH_9.8\r\n', 22), want: { product: 'OpenSSH', version: '9.8', distroBuild: false } },
    { seen: greeting('SSH-2.0-OpenSSH_7.4\r\n', 22), want: { product: 'OpenSSH', version: '7.4' } },
    { seen: greeting('220 (vsFTPd 3.0.3)\r\n', 21), want: { product: 'vsftpd', version: '3.0.3', cpe: ['vsftpd_project:vsftpd', 'beasts:vsftpd'] } },
    { seen: greeting('220 mail.example.test ESMTP Exim 4.96 Mon, 01 Jul 2024 10:00:00 +0000\r\n', 25), want: { product: 'Exim', version: '4.96', cpe: ['exim:exim'] } },
    { seen: greeting(mysqlGreeting('8.0.36-0ubuntu0.22.04.1'), 3306), want: { product: 'MySQL', version: '8.0.36', cpe: ['oracle:mysql', 'mysql:mysql'], distroBuild: true } },
    // MariaDB prefixes the MySQL 5.5.5 compatibility version; the real one follows it.
    { seen: greeting(mysqlGreeting('5.5.5-10.11.6-MariaDB-0+deb12u1'), 3306), want: { product: 'MariaDB', version: '10.11.6', cpe: ['mariadb:mariadb'] } },
    { seen: greeting(mysqlGreeting('11.4.2-MariaDB-ubu2404'), 3306), want: { product: 'MariaDB', version: '11.4.2' } },
    // HTTP Server headers as our probe records them.
    { seen: { banner: 'Server: nginx/1.18.0 (Ubuntu) | title: Welcome to nginx!' }, want: { product: 'nginx', version: '1.18.0', cpe: ['f5:nginx', 'nginx:nginx'], distroBuild: true } },
    { seen: { banner: 'Server: Apache/2.4.49 (Unix)' }, want: { product: 'Apache httpd', version: '2.4.49', cpe: ['apache:http_server'], distroBuild: false } },
    { seen: { banner: 'Server: Apache/2.4.41 (Ubuntu) | title: Apache2 Ubuntu Default Page: It works' }, want: { product: 'Apache httpd', version: '2.4.41' } },
    // Redis: the fingerprint's PING + INFO answer.
    { seen: { product: 'Redis', version: '7.0.15', banner: '+PONG redis_version:7.0.15' }, want: { product: 'Redis', version: '7.0.15', cpe: ['redis:redis', 'redislabs:redis'] } },
    // nmap -sV product/version fields (from the libnmap sample reports).
    { seen: { product: 'OpenSSH', version: '5.9p1 Debian 5ubuntu1' }, want: { product: 'OpenSSH', version: '5.9p1', distroBuild: true } },
    { seen: { product: 'Apache httpd', version: '2.2.22' }, want: { product: 'Apache httpd', version: '2.2.22' } },
    { seen: { product: 'MySQL', version: '5.7.16' }, want: { product: 'MySQL', version: '5.7.16' } },
    { seen: { product: 'PostgreSQL DB', version: '9.6.24' }, want: { product: 'PostgreSQL', version: '9.6.24', cpe: ['postgresql:postgresql'] } },
    { seen: { product: 'Exim smtpd', version: '4.92' }, want: { product: 'Exim', version: '4.92' } },
    { seen: { product: 'Postfix smtpd', version: '3.7.11' }, want: { product: 'Postfix', version: '3.7.11', cpe: ['postfix:postfix'] } },
  ])('$want.product $want.version', ({ seen, want }) => {
    expect(serviceIdentity(seen)).toMatchObject(want);
  });

  it.each([
    { why: 'nginx without a version', seen: { banner: 'Server: nginx' } },
    { why: 'Apache with ServerTokens Prod', seen: { banner: 'Server: Apache' } },
    { why: 'Tomcat is not Apache httpd', seen: { banner: 'Server: Apache-Coyote/1.1' } },
    { why: 'Win32-OpenSSH is its own product', seen: greeting('SSH-2.0-OpenSSH_for_Windows_8.1\r\n', 22) },
    { why: 'dropbear has no row', seen: greeting('SSH-2.0-dropbear_2022.83\r\n', 22) },
    { why: 'Postfix banners rarely show a version', seen: greeting('220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n', 25) },
    { why: 'nmap could only bracket the version', seen: { product: 'PostgreSQL DB', version: '9.6.0 - 9.6.7' } },
    { why: 'a protected Redis hides its version', seen: { product: 'Redis', banner: '-NOAUTH Authentication required.' } },
    { why: 'an unknown HTTP server', seen: { product: 'demo-httpd', version: '1.2.3', banner: 'Server: demo-httpd/1.2.3' } },
  ])('no identity: $why', ({ seen }) => {
    expect(serviceIdentity(seen)).toBeUndefined();
  });

  it('OpenSSH versions compare the way NVD splits them (8.2p1 = version 8.2, update p1)', () => {
    const { comparable } = serviceIdentity({ banner: 'SSH-2.0-OpenSSH_9.8p1' })!;
    expect(comparable!('9.8p1')).toBe('9.8.0.1');
    expect(comparable!('9.8')).toBe('9.8');
  });
});
