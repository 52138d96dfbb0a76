import { connect } from 'node:net';
import { constants } from 'node:os';

export type ProbeOutcome = 'open' | 'closed' | 'filtered' | 'local-error';
export type ConnectProbe = (host: string, port: number, timeoutMs: number) => Promise<{ outcome: ProbeOutcome; rttMs: number }>;

// Timers run before I/O in each event-loop turn, so after a stall (GC, a loaded machine) a
// timeout could fire although the answer is already waiting. The verdict is deferred with
// setImmediate, which runs after the I/O phase: an answer that arrived wins over the timer.

/** Local resource errors: the probe says nothing about the target, so it is tried again later. */
const LOCAL_ERRNOS = new Set([constants.errno.EMFILE, constants.errno.ENFILE, constants.errno.EADDRNOTAVAIL, constants.errno.ENOBUFS, constants.errno.EAGAIN]);
const CLOSED_ERRNOS = new Set([constants.errno.ECONNREFUSED, constants.errno.ECONNRESET]);

function outcomeOfErrno(errno: number): ProbeOutcome {
  const e = Math.abs(errno);
  return CLOSED_ERRNOS.has(e) ? 'closed' : LOCAL_ERRNOS.has(e) ? 'local-error' : 'filtered';
}

/** Portable probe through net.Socket: a full stream per attempt, about three times the CPU of the handle probe. */
export const socketProbe: ConnectProbe = (host, port, timeoutMs) => {
  const started = performance.now();
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    let settled = false;
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ outcome, rttMs: performance.now() - started });
    };
    const timer = setTimeout(() => setImmediate(finish, 'filtered'), timeoutMs);
    sock.once('connect', () => finish('open'));
    sock.once('error', (err: NodeJS.ErrnoException) => finish(typeof err.errno === 'number' ? outcomeOfErrno(err.errno) : 'filtered'));
  });
};

interface TcpHandle {
  connect(req: unknown, address: string, port: number): number;
  close(): void;
}
interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => { oncomplete: (status: number) => void };
  constants: { SOCKET: number };
}

/**
 * A port scan opens tens of thousands of connections and never reads or writes on them, so
 * the stream machinery of net.Socket is pure overhead. Node's own TCP handle does just the
 * connect. It is an internal binding: used only when it has the expected shape, otherwise the
 * socket probe is used. Node prints no warning for it unless run with --pending-deprecation.
 */
function loadTcpWrap(): TcpWrapBinding | undefined {
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding('tcp_wrap') as Partial<TcpWrapBinding>;
    if (typeof binding.TCP === 'function' && typeof binding.TCPConnectWrap === 'function' && typeof binding.constants?.SOCKET === 'number') return binding as TcpWrapBinding;
  } catch {
    // no binding in this runtime: the socket probe serves
  }
  return undefined;
}

function handleProbeFrom(b: TcpWrapBinding): ConnectProbe {
  return (host, port, timeoutMs) => {
    const started = performance.now();
    return new Promise((resolve) => {
      const handle = new b.TCP(b.constants.SOCKET);
      const req = new b.TCPConnectWrap();
      let settled = false;
      const finish = (outcome: ProbeOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        handle.close();
        resolve({ outcome, rttMs: performance.now() - started });
      };
      req.oncomplete = (status) => finish(status === 0 ? 'open' : outcomeOfErrno(status));
      const timer = setTimeout(() => setImmediate(finish, 'filtered'), timeoutMs);
      const err = handle.connect(req, host, port);
      if (err) finish(outcomeOfErrno(err));
    });
  };
}

const tcpWrap = loadTcpWrap();

/** The cheapest connect probe this runtime offers. */
export const connectProbe: ConnectProbe = tcpWrap ? handleProbeFrom(tcpWrap) : socketProbe;
