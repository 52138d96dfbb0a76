import { describe, expect, it } from 'vitest';
import { AdaptiveTimeout } from '../../../src/daemon/scan/adaptive-timeout.js';
import { classifyBanner } from '../../../src/daemon/scan/fingerprint.js';

const mysqlGreeting = (version: string) => {
  const body = Buffer.concat([Buffer.from([0x0a]), Buffer.from(version, 'latin1'), Buffer.from([0]), Buffer.alloc(20, 1)]);
  return Buffer.concat([Buffer.from([body.length & 255, (body.length >> 8) & 255, 0, 0]), body]);
};

describe('banner classification', () => {
  it.each([
    { banner: Buffer.from('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n'), port: 22, want: { service: 'ssh', product: 'OpenSSH', version: '8.2p1' } },
    { banner: Buffer.from('220 (vsFTPd 3.0.3)\r\n'), port: 21, want: { service: 'ftp', product: 'vsFTPd', version: '3.0.3' } },
    { banner: Buffer.from('220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n'), port: 25, want: { service: 'smtp', product: 'Postfix' } },
    { banner: mysqlGreeting('8.0.36-0ubuntu0.22.04.1'), port: 3306, want: { service: 'mysql', product: 'MySQL', version: '8.0.36' } },
    { banner: mysqlGreeting('5.5.5-10.11.6-MariaDB-0+deb12u1'), port: 3306, want: { service: 'mysql', product: 'MariaDB', version: '10.11.6' } },
    { banner: mysqlGreeting('11.4.2-MariaDB-ubu2404'), port: 3306, want: { service: 'mysql', product: 'MariaDB', version: '11.4.2' } },
  ])('$want.service from its greeting', ({ banner, port, want }) => {
    expect(classifyBanner(banner, port)).toMatchObject(want);
  });

  it('an empty greeting says nothing; an odd one is unknown with its printable text', () => {
    expect(classifyBanner(Buffer.alloc(0), 1)).toBeUndefined();
    expect(classifyBanner(Buffer.from('\x00\x01hello\xff'), 1)).toEqual({ service: 'unknown', banner: 'hello' });
  });
});

describe('adaptive timeout', () => {
  it('starts at the initial value, follows measured RTT, and stays inside its bounds', () => {
    const t = new AdaptiveTimeout({ initialMs: 1000, minMs: 50, maxMs: 3000 });
    expect(t.currentMs).toBe(1000);
    for (let i = 0; i < 50; i++) t.sample(2);
    expect(t.currentMs).toBe(50);
    for (let i = 0; i < 50; i++) t.sample(5000);
    expect(t.currentMs).toBe(3000);
  });
});
