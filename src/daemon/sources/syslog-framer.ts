export type Frame = { bytes: Buffer } | { overCap: { head: Buffer; length: number } };

/**
 * RFC 6587 TCP framing, both kinds on one connection: octet counting (`LEN SP MSG`) when a frame
 * starts with a digit, otherwise newline-terminated. A frame over the cap is skipped as it
 * streams past (only its head is kept), so a hostile sender cannot grow our buffer.
 */
export class SyslogFramer {
  private buf: Buffer = Buffer.alloc(0);
  private skip: { head: Buffer; length: number; remaining: number | undefined } | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly keepBytes: number,
  ) {}

  push(chunk: Buffer): Frame[] {
    const out: Frame[] = [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      if (this.skip) {
        if (!this.skipPast(out)) break;
        continue;
      }
      if (this.buf.length === 0) break;
      const first = this.buf[0]!;
      if (first === 10 || first === 13 || first === 0) {
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (first >= 0x30 && first <= 0x39) {
        const sp = this.buf.indexOf(32);
        if (sp < 0 || sp > 10) {
          if (sp < 0 && this.buf.length <= 10) break;
          // Digits that are not a length prefix: treat as a newline-framed message.
          if (!this.takeLine(out)) break;
          continue;
        }
        const len = Number(this.buf.subarray(0, sp).toString('latin1'));
        if (!Number.isInteger(len)) {
          if (!this.takeLine(out)) break;
          continue;
        }
        const body = this.buf.subarray(sp + 1);
        if (len > this.maxBytes) {
          this.skip = { head: Buffer.from(body.subarray(0, this.keepBytes)), length: len, remaining: len };
          this.buf = body;
          continue;
        }
        if (body.length < len) break;
        out.push({ bytes: Buffer.from(body.subarray(0, len)) });
        this.buf = body.subarray(len);
        continue;
      }
      if (!this.takeLine(out)) break;
    }
    if (!this.skip && this.buf.length > this.maxBytes) {
      this.skip = { head: Buffer.from(this.buf.subarray(0, this.keepBytes)), length: 0, remaining: undefined };
      this.skipPast(out);
    }
    return out;
  }

  private takeLine(out: Frame[]): boolean {
    const nl = this.buf.indexOf(10);
    if (nl < 0) return false;
    if (nl > this.maxBytes) {
      out.push({ overCap: { head: Buffer.from(this.buf.subarray(0, this.keepBytes)), length: nl } });
    } else {
      out.push({ bytes: Buffer.from(this.buf.subarray(0, nl)) });
    }
    this.buf = this.buf.subarray(nl + 1);
    return true;
  }

  /** Consumes an over-cap frame; true once it is fully past. */
  private skipPast(out: Frame[]): boolean {
    const s = this.skip!;
    if (s.remaining !== undefined) {
      const n = Math.min(s.remaining, this.buf.length);
      s.remaining -= n;
      this.buf = this.buf.subarray(n);
      if (s.remaining > 0) return false;
    } else {
      const nl = this.buf.indexOf(10);
      if (nl < 0) {
        s.length += this.buf.length;
        this.buf = Buffer.alloc(0);
        return false;
      }
      s.length += nl;
      this.buf = this.buf.subarray(nl + 1);
    }
    out.push({ overCap: { head: s.head, length: s.length } });
    this.skip = undefined;
    return true;
  }
}
