import { connect } from 'node:net';
import type { BsonDoc } from './bson-codec.js';
import { encodeOpMsg, opMsgReader } from './op-msg.js';
import { WireFault, WireFormatError } from './wire-error.js';

/**
 * Sends commands one after another on one connection and returns the reply bodies in order.
 * Fewer replies come back when the peer closes, errs or the timeout passes; a peer that
 * answers with something other than a matching OP_MSG rejects with a WireFormatError.
 */
export function mongoCommands(host: string, port: number, commands: readonly BsonDoc[], timeoutMs: number): Promise<BsonDoc[]> {
  return new Promise((resolve, reject) => {
    const replies: BsonDoc[] = [];
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
    const read = opMsgReader((msg) => {
      if (settled) return;
      if (msg.responseTo !== replies.length + 1) throw new WireFormatError(WireFault.NotAReply, 8, `responseTo ${msg.responseTo}, expected ${replies.length + 1}`);
      replies.push(msg.body);
      if (replies.length === commands.length) finish();
      else sendNext();
    });
    sock.on('data', (d: Buffer) => {
      try {
        read(d);
      } catch (err) {
        finish(err);
      }
    });
    sock.once('end', () => finish());
    sock.once('close', () => finish());
    sock.once('error', () => finish());
  });
}
