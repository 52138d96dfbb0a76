import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/daemon/logger.js';
import { Scheduler } from '../../../src/daemon/scheduler.js';

describe('scheduler fencing', () => {
  it('aborts the signal of gated jobs running when the lead is lost, not of every-member jobs, and later runs get a fresh signal', async () => {
    const s = new Scheduler({ now: () => 0 }, createLogger({ level: 'error' }));
    let leader = true;
    s.setGate(() => leader);
    const seen: Record<string, AbortSignal[]> = { gated: [], all: [] };
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    s.every('gated', 60_000, async (signal) => {
      seen.gated!.push(signal);
      await hold;
    });
    s.every(
      'all',
      60_000,
      async (signal) => {
        seen.all!.push(signal);
        await hold;
      },
      { everyMember: true },
    );
    const runs = [s.run('gated'), s.run('all')];
    leader = false;
    s.fence();
    expect(seen.gated![0]!.aborted).toBe(true);
    expect(seen.all![0]!.aborted).toBe(false);
    release();
    await Promise.all(runs);
    // A follower does not run the gated job at all; once it leads again the job's signal is live.
    await s.run('gated');
    expect(seen.gated).toHaveLength(1);
    leader = true;
    await s.run('gated');
    expect(seen.gated![1]!.aborted).toBe(false);
    s.stop();
  });
});
