import { connect } from 'node:net';
import type { BsonDoc } from './bson.js';
import { decodeOpMsg, encodeOpMsg, takeFrame } from './op-msg.js';
import { WireFault, WireFormatError } from './wire-error.js';

/**
 * Sends commands one after another on one connection and returns the reply bodies in order.
 * Fewer replies come back when the peer closes, errs or the timeout passes; a peer that
 * answers with something other than a matching OP_MSG rejects with a WireFormatError.
 */
export function mongoCommands(host: string, port: number, commands: readonly BsonDoc[], timeoutMs: number): Promise<BsonDoc[]> {
  return new Promise((resolve, reject) => {
    const replies: BsonDoc[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let settled = false;
    const sock = connect({ host, port });
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(replies);
    };
    const timer = setTimeout(() => finish(), timeoutMs);
    // Request ids count from 1, so reply n must say responseTo n.
    const sendNext = () => sock.write(encodeOpMsg(replies.length + 1, commands[replies.length]!));
    sock.once('connect', () => (commands.length ? sendNext() : finish()));
    sock.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      try {
        for (let f = takeFrame(pending); f; f = takeFrame(pending)) {
          pending = f.rest;
          const msg = decodeOpMsg(f.frame);
          if (msg.responseTo !== replies.length + 1) throw new WireFormatError(WireFault.NotAReply, 8, `responseTo ${msg.responseTo}, expected ${replies.length + 1}`);
          replies.push(msg.body);
          if (replies.length === commands.length) return finish();
          sendNext();
        }
      } catch (err) {
        finish(err);
      }
    });
    sock.once('end', () => finish());
    sock.once('close', () => finish());
    sock.once('error', () => finish());
  });
}
