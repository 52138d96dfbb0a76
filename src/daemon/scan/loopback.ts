import { isIPv4, isIPv6 } from 'node:net';

/**
 * Connections in flight that a scan of this host's own loopback can use. The kernel answers a
 * loopback connect at once, so in-flight attempts beyond a few dozen add no throughput (Little's
 * law: in flight = rate x round trip, and the round trip is microseconds); they only add
 * registered sockets for every poll and scheduling churn, measured at ~1.5x the CPU and wall
 * time of 64 for a full-range scan with 1024. Remote targets keep the configured concurrency,
 * which covers real round trips.
 */
export const LOOPBACK_CONCURRENCY = 64;

export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.');
  if (isIPv6(address)) return address === '::1' || /^::ffff:127\./i.test(address);
  return false;
}

/** The concurrency a scan of `hosts` uses: the configured one, capped when every host is loopback. */
export function effectiveConcurrency(hosts: readonly string[], configured: number): number {
  return hosts.length > 0 && hosts.every(isLoopbackAddress) ? Math.min(configured, LOOPBACK_CONCURRENCY) : configured;
}
