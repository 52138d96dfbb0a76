import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server as TcpServer, type Socket } from 'node:net';
import type { Logger } from '../logger.js';
import type { IncomingRecord, Intake } from '../intake.js';
import type { SyslogSourceConfig } from './ingest-config.js';
import { decodeLine, truncateUtf8 } from './line-decoder.js';
import type { SourceReporter } from './source-reporter.js';
import { SyslogFramer, type Frame } from './syslog-framer.js';
import { parseSyslog } from './syslog-message.js';

export interface SyslogDeps {
  cfg: SyslogSourceConfig;
  intake: Intake;
  log: Logger;
  reporter: SourceReporter;
  keepBytes: number;
  batchMaxRecords: number;
}

/**
 * Syslog over UDP and TCP. Payloads (JSON from Wazuh/Falco/Suricata, or fast.log text) go to
 * the format parsers. Syslog has no acknowledgement, so messages are batched into one commit per
 * flush; the pending queue is bounded and overflow is counted and reported, never silent.
 */
export class SyslogSource {
  private udp: UdpSocket | undefined;
  private tcp: TcpServer | undefined;
  private readonly sockets = new Set<Socket>();
  private pending: IncomingRecord[] = [];
  private dropped = 0;
  private flushing: Promise<void> | undefined;
  readonly ports: { udp?: number; tcp?: number } = {};

  constructor(private readonly d: SyslogDeps) {}

  /** The queue is a few batches deep: enough to ride out one slow fsync, small enough to bound memory. */
  private get queueCap(): number {
    return this.d.batchMaxRecords * 4;
  }

  async start(): Promise<void> {
    const { cfg } = this.d;
    if (cfg.udpPort !== undefined) {
      const udp = createSocket(cfg.host.includes(':') ? 'udp6' : 'udp4');
      udp.on('message', (msg, rinfo) => this.enqueue({ bytes: msg }, `syslog-udp:${rinfo.address}:${rinfo.port}`));
      udp.on('error', (err) => this.d.reporter.set('error', err));
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(cfg.udpPort, cfg.host, () => resolve());
      });
      this.udp = udp;
      this.ports.udp = udp.address().port;
    }
    if (cfg.tcpPort !== undefined) {
      const tcp = createServer((sock) => this.onConnection(sock));
      tcp.maxConnections = cfg.maxConnections;
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(cfg.tcpPort, cfg.host, () => resolve());
      });
      this.tcp = tcp;
      const addr = tcp.address();
      if (addr && typeof addr === 'object') this.ports.tcp = addr.port;
    }
    this.d.log.info('syslog listening', { source: cfg.name, host: cfg.host, ...this.ports });
    this.d.reporter.set('running');
  }

  async stop(): Promise<void> {
    this.udp?.close();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve()));
    await this.flush();
  }

  private onConnection(sock: Socket): void {
    this.sockets.add(sock);
    const framer = new SyslogFramer(this.d.cfg.maxMessageBytes, this.d.keepBytes);
    const origin = `syslog-tcp:${sock.remoteAddress}:${sock.remotePort}`;
    sock.on('data', (chunk: Buffer) => {
      for (const f of framer.push(chunk)) this.enqueue(f, origin);
    });
    sock.on('error', (err) => this.d.log.debug('syslog connection error', { origin, error: err.message }));
    sock.on('close', () => {
      // A last newline-framed message may arrive without its newline before the sender closes.
      for (const f of framer.push(Buffer.from('\n'))) this.enqueue(f, origin);
      this.sockets.delete(sock);
    });
  }

  private enqueue(frame: Frame, origin: string): void {
    if (this.pending.length >= this.queueCap) {
      this.dropped++;
      if (this.dropped === 1 || this.dropped % 1000 === 0) {
        this.d.log.warn('syslog queue full; dropping messages', { source: this.d.cfg.name, dropped: this.dropped });
        this.d.reporter.set('error', `queue full: ${this.dropped} messages dropped`);
      }
      return;
    }
    this.pending.push(this.toRecord(frame, origin));
    if (this.pending.length >= this.d.batchMaxRecords) void this.flush().catch(() => {});
  }

  private toRecord(frame: Frame, origin: string): IncomingRecord {
    if ('overCap' in frame) {
      return {
        raw: truncateUtf8(frame.overCap.head.toString('utf8'), this.d.keepBytes),
        rawLength: frame.overCap.length,
        reject: `syslog message is ${frame.overCap.length} bytes, over the ${this.d.cfg.maxMessageBytes}-byte cap`,
        origin,
      };
    }
    const line = decodeLine(frame.bytes, this.d.cfg.maxMessageBytes, this.d.keepBytes);
    if (line.reject) return { raw: line.text, rawLength: line.byteLength, reject: `syslog: ${line.reject}`, origin };
    const msg = parseSyslog(line.text.replace(/[\r\n]+$/, ''));
    // Sigma decoders read the whole line (header included: host, program, pid).
    return { raw: this.d.cfg.detect === 'sigma' ? line.text.replace(/[\r\n]+$/, '') : msg.message, origin: msg.host ? `${origin} host=${msg.host}` : origin };
  }

  /** Commits what is queued; called by the scheduler every flushMs and when a batch fills. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.d.batchMaxRecords);
        const res = await this.d.intake.ingest(this.d.cfg.name, batch, { format: this.d.cfg.format, customer: this.d.cfg.customer });
        this.d.reporter.counted(res.accepted);
      }
    } catch (err) {
      this.d.reporter.set('error', err);
      throw err;
    }
  }
}
