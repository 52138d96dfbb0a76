import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alert.js';
import { type PollCursor } from '../../../src/daemon/sources/http-poll.js';
import { startTestDaemon, type TestDaemon } from '../../support/daemon.js';
import { quietOthers, waitFor } from './helpers.js';
import { ALERTS, SOURCE_CURSORS } from '../../../src/daemon/collections.js';

interface Doc {
  _id: string;
  _source: Record<string, unknown>;
}

/** A fake indexer: `_search` with sort + search_after over an in-memory index; the first call fails to exercise retries. */
function fakeIndexer(docs: Doc[]) {
  const seen: { searchAfter: unknown; auth: string | undefined }[] = [];
  let calls = 0;
  const key = (d: Doc) => [d._source.timestamp as string, d._source.id as string];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      calls++;
      if (calls === 1) {
        res.writeHead(503).end('{"error":"warming up"}');
        return;
      }
      const q = JSON.parse(body) as { size: number; search_after?: [string, string] };
      seen.push({ searchAfter: q.search_after, auth: req.headers.authorization });
      const sorted = [...docs].sort((a, b) => (key(a).join('\0') < key(b).join('\0') ? -1 : 1));
      const after = q.search_after;
      const page = sorted.filter((d) => !after || key(d).join('\0') > after.join('\0')).slice(0, q.size);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hits: { hits: page.map((d) => ({ _index: 'wazuh-alerts-4.x-2026.05.01', ...d, sort: key(d) })) } }));
    });
  });
  return { server, seen };
}

const wazuh = (n: number): Doc => ({
  _id: `doc${n}`,
  _source: {
    timestamp: `2026-05-01T00:00:${String(n).padStart(2, '0')}.000+0000`,
    id: `17146${n}`,
    rule: { level: 10, id: String(5700 + n), description: `rule ${n}` },
    agent: { id: '001', name: 'web-01' },
    manager: { name: 'm' },
  },
});

let d: TestDaemon;
let indexer: ReturnType<typeof fakeIndexer>;
const docs = [1, 2, 3, 4, 5].map(wazuh);

beforeAll(async () => {
  indexer = fakeIndexer(docs);
  await new Promise<void>((r) => indexer.server.listen(0, '127.0.0.1', () => r()));
  const port = (indexer.server.address() as { port: number }).port;
  process.env.SOCDECK_TEST_INDEXER_PASSWORD = 's3cret';
  d = await startTestDaemon({
    configOverrides: {
      ...quietOthers(),
      ingest: {
        sources: [
          {
            name: 'idx',
            kind: 'http-poll',
            url: `http://127.0.0.1:${port}`,
            pageSize: 2,
            intervalMs: 100,
            retries: 2,
            timeoutMs: 5000,
            auth: { username: 'socdeck', passwordEnv: 'SOCDECK_TEST_INDEXER_PASSWORD' },
          },
        ],
      },
    },
  });
});
afterAll(async () => {
  await d.stop();
  await new Promise<void>((r) => indexer.server.close(() => r()));
});

describe('HTTP poll source', () => {
  it('pages with search_after after a retried failure, persists the cursor, and picks up new documents', async () => {
    const store = d.daemon.store;
    await waitFor('5 alerts', () => store.count(ALERTS) === 5);
    expect(
      store
        .values<Alert>(ALERTS)
        .map((a) => a.ruleId)
        .sort(),
    ).toEqual(['5701', '5702', '5703', '5704', '5705']);
    expect(store.get<PollCursor>(SOURCE_CURSORS, 'idx')?.after).toEqual(['2026-05-01T00:00:05.000+0000', '171465']);
    expect(indexer.seen[0]).toEqual({ searchAfter: undefined, auth: `Basic ${Buffer.from('socdeck:s3cret').toString('base64')}` });
    expect(indexer.seen.slice(1, 3).map((s) => s.searchAfter)).toEqual([
      ['2026-05-01T00:00:02.000+0000', '171462'],
      ['2026-05-01T00:00:04.000+0000', '171464'],
    ]);

    docs.push(wazuh(6));
    await waitFor('6th alert', () => store.count(ALERTS) === 6);
    expect(store.count(ALERTS)).toBe(6);
    await waitFor('status', () => d.daemon.status().sources.some((s) => s.name === 'idx' && s.kind === 'http-poll' && s.ingested === 6 && s.state === 'running'));
  });
});
