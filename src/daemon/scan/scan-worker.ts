import { parentPort, workerData } from 'node:worker_threads';
import type { ScanWorkerMessage, ScanWorkerTask } from './scan-threads.js';
import { tcpConnectScan } from './tcp-scanner.js';

const port = parentPort!;
const task = workerData as ScanWorkerTask;
const abort = new AbortController();
port.on('message', (m: unknown) => {
  if (m === 'abort') abort.abort();
});
const post = (m: ScanWorkerMessage): void => port.postMessage(m);
tcpConnectScan({ ...task, signal: abort.signal, onProgress: (p) => post({ progress: p }) }).then(
  (result) => {
    post({ result });
    port.close();
  },
  (err: unknown) => {
    post({ error: err instanceof Error ? err.message : String(err) });
    port.close();
  },
);
