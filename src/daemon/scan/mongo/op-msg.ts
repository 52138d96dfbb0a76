import { encodeBson, readDocument, type BsonDoc } from './bson-codec.js';
import { WireFault, WireFormatError } from './wire-error.js';

/** OP_MSG, the only opcode MongoDB 3.6+ needs for commands. */
export const OP_MSG = 2013;
/** The biggest message we accept: `listDatabases` with nameOnly for thousands of databases fits. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** messageLength, requestID, responseTo, opCode. */
const HEADER_BYTES = 16;
/** Header, flagBits, the section kind byte and the smallest document. */
const MIN_OP_MSG_BYTES = HEADER_BYTES + 4 + 1 + 5;
/** flagBits bit 0: a CRC-32C trails the sections. */
const CHECKSUM_PRESENT = 1;

export interface OpMsg {
  requestId: number;
  responseTo: number;
  body: BsonDoc;
}

/** A command as one OP_MSG frame: no flags, a single body section. */
export function encodeOpMsg(requestId: number, body: BsonDoc, responseTo = 0): Buffer {
  const doc = encodeBson(body);
  const head = Buffer.alloc(HEADER_BYTES + 5);
  head.writeInt32LE(head.length + doc.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(OP_MSG, 12);
  head.writeUInt32LE(0, 16);
  head[20] = 0;
  return Buffer.concat([head, doc]);
}

/**
 * Splits the first whole frame off a receive buffer; undefined while more bytes are needed.
 * The announced length is checked first, so a peer cannot make us wait for (or buffer) 2 GiB.
 */
export function takeFrame(buf: Buffer): { frame: Buffer; rest: Buffer } | undefined {
  if (buf.length < 4) return undefined;
  const len = buf.readInt32LE(0);
  if (len < HEADER_BYTES || len > MAX_MESSAGE_BYTES) throw new WireFormatError(WireFault.BadLength, 0, `message length ${len} outside ${HEADER_BYTES}..${MAX_MESSAGE_BYTES}`);
  return buf.length < len ? undefined : { frame: buf.subarray(0, len), rest: buf.subarray(len) };
}

/** One whole frame → header ids and the body section; document sequences (kind 1) are skipped. */
export function decodeOpMsg(frame: Buffer): OpMsg {
  const whole = takeFrame(frame);
  if (!whole || whole.rest.length > 0) throw new WireFormatError(WireFault.BadLength, 0, `frame of ${frame.length} bytes does not match its announced length`);
  const opCode = frame.readInt32LE(12);
  if (opCode !== OP_MSG) throw new WireFormatError(WireFault.BadOpcode, 12, `opcode ${opCode}, expected OP_MSG ${OP_MSG}`);
  if (frame.length < MIN_OP_MSG_BYTES) throw new WireFormatError(WireFault.Truncated, frame.length, 'OP_MSG shorter than header, flags and one section');
  const end = frame.readUInt32LE(16) & CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  let body: BsonDoc | undefined;
  let p = HEADER_BYTES + 4;
  while (p < end) {
    const kind = frame[p]!;
    if (kind === 0) {
      if (body) throw new WireFormatError(WireFault.BadSection, p, 'a second body section');
      const r = readDocument(frame, p + 1, end);
      body = r.doc;
      p = r.end;
    } else if (kind === 1) {
      const size = p + 5 <= end ? frame.readInt32LE(p + 1) : -1;
      if (size < 5 || p + 1 + size > end) throw new WireFormatError(WireFault.BadLength, p + 1, `document sequence size ${size}`);
      p += 1 + size;
    } else {
      throw new WireFormatError(WireFault.BadSection, p, `section kind ${kind}`);
    }
  }
  if (!body) throw new WireFormatError(WireFault.BadSection, HEADER_BYTES + 4, 'no body section');
  return { requestId: frame.readInt32LE(4), responseTo: frame.readInt32LE(8), body };
}

/**
 * Collects socket data into whole messages and hands each one, decoded, to `onMessage`. A
 * framing fault (or whatever `onMessage` throws) is thrown to the caller of the returned handler.
 */
export function opMsgReader(onMessage: (msg: OpMsg) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (let f = takeFrame(pending); f; f = takeFrame(pending)) {
      pending = f.rest;
      onMessage(decodeOpMsg(f.frame));
    }
  };
}
