import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { BsonDoc } from '../../src/daemon/scan/mongo/bson-codec.js';
import { encodeOpMsg, opMsgReader } from '../../src/daemon/scan/mongo/op-msg.js';

/**
 * A small MongoDB stand-in speaking OP_MSG on 127.0.0.1 (mongod is not in Debian's archive).
 * `open` answers everything like a server without `security.authorization`; `auth` answers
 * what mongod 7.0 answers before login: hello and buildInfo yes, listDatabases code 13.
 * Like mongod, it hangs up on bytes that are not a MongoDB message (an HTTP or Redis probe).
 */
export type FakeMongoMode = 'open' | 'auth';

export const FAKE_MONGO_VERSION = '7.0.5';
export const FAKE_MONGO_DATABASES = ['admin', 'config', 'local', 'shop'] as const;

function answer(mode: FakeMongoMode, cmd: BsonDoc): BsonDoc {
  const name = Object.keys(cmd)[0];
  if (name === 'hello' || name === 'isMaster') {
    return {
      isWritablePrimary: true,
      topologyVersion: { processId: Buffer.alloc(12, 7), counter: 0n },
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId: 1,
      minWireVersion: 0,
      maxWireVersion: 21,
      readOnly: false,
      ok: 1,
    };
  }
  if (name === 'buildInfo') return { version: FAKE_MONGO_VERSION, versionArray: [7, 0, 5, 0], bits: 64, maxBsonObjectSize: 16777216, ok: 1 };
  if (name === 'listDatabases' && mode === 'open') {
    return { databases: FAKE_MONGO_DATABASES.map((n) => ({ name: n })), totalSize: 241664, totalSizeMb: 0, ok: 1 };
  }
  if (name === 'listDatabases') return { ok: 0, errmsg: 'Command listDatabases requires authentication', code: 13, codeName: 'Unauthorized' };
  return { ok: 0, errmsg: `no such command: '${name ?? ''}'`, code: 59, codeName: 'CommandNotFound' };
}

export async function startFakeMongo(mode: FakeMongoMode): Promise<{ port: number; commands: string[]; close(): Promise<void> }> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.once('close', () => sockets.delete(sock));
    const read = opMsgReader((msg) => {
      commands.push(Object.keys(msg.body)[0] ?? '');
      sock.write(encodeOpMsg(1000 + commands.length, answer(mode, msg.body), msg.requestId));
    });
    sock.on('data', (d: Buffer) => {
      try {
        read(d);
      } catch {
        sock.destroy();
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    commands,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
