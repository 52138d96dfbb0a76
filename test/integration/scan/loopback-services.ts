import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, connect, type AddressInfo } from 'node:net';

export const hasBinary = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** A real redis-server without a password on a free loopback port. */
export async function startRedis(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    port,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

/** A small web server that exposes `.git/HEAD`, the way a careless deploy of a checkout does. */
export function gitLeakingServer(): { listen(port?: number): Promise<number>; close(): Promise<void> } {
  let srv: Server | undefined;
  return {
    async listen(port = 0) {
      srv = createHttpServer((req, res) => {
        if (req.url === '/.git/HEAD') res.writeHead(200, { 'content-type': 'text/plain' }).end('ref: refs/heads/main\n');
        else res.writeHead(200, { 'content-type': 'text/html', server: 'demo-httpd/1.2.3' }).end('<html><head><title>shop</title></head></html>');
      });
      await new Promise<void>((r) => srv!.listen(port, '127.0.0.1', r));
      return (srv.address() as AddressInfo).port;
    },
    close: () =>
      new Promise<void>((r) => {
        if (!srv) return r();
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}
