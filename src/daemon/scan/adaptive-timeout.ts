/**
 * Connect timeout that follows the measured round trip, the way TCP (RFC 6298) and nmap do:
 * smoothed RTT plus four deviations, clamped. Answers (open or refused) are samples;
 * silence is not, so a filtered network cannot talk the timeout down.
 */
export class AdaptiveTimeout {
  private srtt: number | undefined;
  private rttvar = 0;

  constructor(private readonly opts: { initialMs: number; minMs: number; maxMs: number }) {}

  sample(rttMs: number): void {
    if (this.srtt === undefined) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
      return;
    }
    this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
    this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
  }

  get currentMs(): number {
    if (this.srtt === undefined) return this.opts.initialMs;
    return Math.round(Math.min(this.opts.maxMs, Math.max(this.opts.minMs, this.srtt + 4 * this.rttvar)));
  }
}
