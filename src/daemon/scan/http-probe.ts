import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Body bytes kept per response: enough for a title, a HEAD ref or a directory listing. */
const BODY_CAP = 64 * 1024;

/**
 * One GET with a hard timeout and a body cap; undefined when nothing HTTP answered. Goes
 * straight to the address (no proxy from the environment), because the scope guard
 * vouched for the address, not for a proxy.
 */
export function httpGet(host: string, port: number, path: string, opts: { tls: boolean; timeoutMs: number; hostHeader?: string }): Promise<HttpAnswer | undefined> {
  const request = opts.tls ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (v: HttpAnswer | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(v);
    };
    const req = request(
      { host, port, path, method: 'GET', agent: false, rejectUnauthorized: false, headers: { host: opts.hostHeader ?? `${host}:${port}`, 'user-agent': 'socdeck-scan', connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const end = () => done({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks, size).toString('utf8') });
        res.on('data', (d: Buffer) => {
          if (size < BODY_CAP) {
            chunks.push(d.subarray(0, BODY_CAP - size));
            size += Math.min(d.length, BODY_CAP - size);
          }
          if (size >= BODY_CAP) end();
        });
        res.once('end', end);
        res.once('error', end);
      },
    );
    const timer = setTimeout(() => done(undefined), opts.timeoutMs);
    req.once('error', () => done(undefined));
    req.end();
  });
}
