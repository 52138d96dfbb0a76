import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

/**
 * Two deliberately weak services on 127.0.0.1 for the demo scan to find: a Redis that answers
 * without AUTH and a web server with a directory listing, a version banner and no security
 * headers. `harden()` turns the listing off and adds the headers, so a rescan shows a fix.
 */
export interface DemoListeners {
  redisPort: number;
  httpPort: number;
  harden(): void;
  close(): Promise<void>;
}

const REDIS_INFO = '# Server\r\nredis_version:5.0.7\r\nredis_mode:standalone\r\nos:Linux 5.4.0 x86_64\r\ntcp_port:6379\r\n';

/** Answers inline RESP commands the way an unprotected Redis 5 does. */
function redisReply(line: string): string {
  const cmd = line.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (cmd === 'PING') return '+PONG\r\n';
  if (cmd === 'INFO') return `$${Buffer.byteLength(REDIS_INFO)}\r\n${REDIS_INFO}\r\n`;
  return `-ERR unknown command '${cmd.slice(0, 32)}'\r\n`;
}

const LISTING =
  '<!DOCTYPE html><html><head><title>Index of /</title></head><body><h1>Index of /</h1><pre><a href="../">../</a>\n<a href="assets/">assets/</a>\n<a href="release-notes.txt">release-notes.txt</a>\n</pre></body></html>\n';
const HOME = '<!DOCTYPE html><html><head><title>demo shop</title></head><body><h1>demo shop</h1></body></html>\n';

export async function openDemoListeners(): Promise<DemoListeners> {
  let hardened = false;
  const sockets = new Set<Socket>();
  const redis: TcpServer = createTcpServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    let buf = '';
    sock.setEncoding('latin1');
    sock.on('error', () => sock.destroy());
    sock.on('data', (chunk: string) => {
      buf = (buf + chunk).slice(-4096);
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim() !== '') sock.write(redisReply(line));
      }
    });
  });
  const http: HttpServer = createHttpServer((req, res) => {
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', server: 'nginx/1.14.0' };
    if (hardened) Object.assign(headers, { server: 'nginx', 'content-security-policy': "default-src 'self'", 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    if (req.url !== '/') {
      res.writeHead(404, headers).end('<html><body>not found</body></html>\n');
      return;
    }
    res.writeHead(200, headers).end(hardened ? HOME : LISTING);
  });
  const listen = (s: TcpServer | HttpServer) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const close = (s: TcpServer | HttpServer) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()));
  const closeAll = async () => {
    http.closeAllConnections();
    for (const s of sockets) s.destroy();
    await Promise.all([close(redis), close(http)]);
  };
  try {
    const [redisPort, httpPort] = await Promise.all([listen(redis), listen(http)]);
    return { redisPort, httpPort, harden: () => void (hardened = true), close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
