import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server, which a test can cut like a network: `cut()`
 * drops every byte both ways without closing anything (a partition: the client notices only by
 * its own timeouts), and `serverNotices()` then closes the server side, as the server's TCP
 * keepalives do once their probes go unanswered.
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  serverNotices(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs: [client: Socket, server: Socket][] = [];
  const stranded: Socket[] = [];
  let partitioned = false;
  const srv: Server = createServer((client) => {
    client.on('error', () => {});
    if (partitioned) {
      stranded.push(client);
      return;
    }
    const server = connect(targetPort, '127.0.0.1');
    pairs.push([client, server]);
    client.on('data', (d) => void (partitioned || server.write(d)));
    server.on('data', (d) => void (partitioned || client.write(d)));
    client.on('close', () => server.destroy());
    server.on('close', () => void (partitioned || client.destroy()));
    server.on('error', () => {});
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    port: (srv.address() as { port: number }).port,
    cut: () => {
      partitioned = true;
    },
    serverNotices: () => {
      for (const [, server] of pairs) server.destroy();
    },
    close: async () => {
      for (const [client, server] of pairs.splice(0)) {
        client.destroy();
        server.destroy();
      }
      for (const client of stranded.splice(0)) client.destroy();
      await new Promise((r) => srv.close(r));
    },
  };
}
