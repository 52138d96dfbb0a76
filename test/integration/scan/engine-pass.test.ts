import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginePass } from '../../../src/daemon/scan/engine-pass.js';
import { silentLogger } from '../../../src/daemon/logger.js';
import { hasBinary } from './loopback-services.js';

describe('engine pass over what our scan found', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((c) => {
      c.on('error', () => {});
      c.end('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  const ours = () => [{ host: '127.0.0.1', port, service: 'unknown' }];

  it.skipIf(!hasBinary('nmap'))('nmap -sV refines product and version of the open ports', async () => {
    const r = await enginePass({ nmap: true, nuclei: false, timeoutMs: 120_000 }, ours(), new AbortController().signal, silentLogger);
    expect(r.open).toEqual([expect.objectContaining({ host: '127.0.0.1', port, product: 'OpenSSH', version: expect.stringMatching(/^8\.9p1/) })]);
    expect(r.nuclei).toEqual([]);
  });

  it('leaves our results alone when engines are off', async () => {
    expect(await enginePass({ nmap: false, nuclei: false, timeoutMs: 1000 }, ours(), new AbortController().signal, silentLogger)).toEqual({ open: ours(), nuclei: [] });
  });
});
