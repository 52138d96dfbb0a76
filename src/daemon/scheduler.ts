import { CronJob } from 'cron';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

export interface JobInfo {
  name: string;
  schedule: string;
  running: boolean;
  runs: number;
  failures: number;
  lastRun?: string;
  lastError?: string;
  nextRun?: string;
}

type JobFn = (signal: AbortSignal) => Promise<void> | void;

interface Job {
  info: JobInfo;
  fn: JobFn;
  stop: () => void;
  consecutiveFailures: number;
  skipUntil: number;
  everyMember: boolean;
}

/**
 * Owns every timer in the daemon: one registry the UI can list. A run that is still going
 * when the next tick comes is skipped (never overlapped); failures back off exponentially;
 * stop() aborts running jobs through their AbortSignal.
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly abort = new AbortController();
  private gate: () => boolean = () => true;
  /** Aborted when this member loses the lead: gated jobs running then stop (fencing). */
  private term = new AbortController();

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** `everyMember`: in a cluster, also run on members that are not the leader (e.g. flushing ingest they accepted). */
  every(name: string, ms: number, fn: JobFn, opts: { everyMember?: boolean } = {}): void {
    const timer = setInterval(() => void this.run(name), ms);
    timer.unref();
    this.add(name, `every ${ms} ms`, fn, () => clearInterval(timer), opts.everyMember ?? false);
  }

  /** In a cluster only the leader runs the singletons: every job not registered for every member waits for `gate`. */
  setGate(gate: () => boolean): void {
    this.gate = gate;
  }

  /**
   * The gate just closed (this member lost the lead): gated jobs still running see their signal
   * abort, so a notification pass stops before its next send instead of racing the new leader.
   */
  fence(): void {
    this.term.abort();
    this.term = new AbortController();
  }

  cron(name: string, expr: string, fn: JobFn, timeZone = 'Asia/Shanghai'): void {
    const job = CronJob.from({ cronTime: expr, onTick: () => void this.run(name), start: true, timeZone });
    this.add(name, `cron ${expr} ${timeZone}`, fn, () => void job.stop());
    const entry = this.jobs.get(name);
    if (entry) entry.info.nextRun = job.nextDate().toISO() ?? undefined;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info }));
  }

  /** Runs a job now (also what a timer tick does); resolves when this run ends or was skipped. */
  async run(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job || job.info.running || this.abort.signal.aborted) return;
    if (!job.everyMember && !this.gate()) return;
    if (this.clock.now() < job.skipUntil) return;
    job.info.running = true;
    job.info.lastRun = new Date(this.clock.now()).toISOString();
    try {
      await job.fn(job.everyMember ? this.abort.signal : AbortSignal.any([this.abort.signal, this.term.signal]));
      job.info.runs++;
      job.consecutiveFailures = 0;
      delete job.info.lastError;
    } catch (err) {
      job.info.failures++;
      job.consecutiveFailures++;
      job.info.lastError = err instanceof Error ? err.message : String(err);
      const backoff = Math.min(60 * 60_000, 1000 * 2 ** Math.min(job.consecutiveFailures, 12));
      job.skipUntil = this.clock.now() + backoff;
      this.log.warn('job failed', { job: name, error: job.info.lastError, backoffMs: backoff });
    } finally {
      job.info.running = false;
    }
  }

  stop(): void {
    this.abort.abort();
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
  }

  private add(name: string, schedule: string, fn: JobFn, stop: () => void, everyMember = false): void {
    if (this.jobs.has(name)) throw new Error(`scheduler: job ${name} already registered`);
    this.jobs.set(name, {
      info: { name, schedule, running: false, runs: 0, failures: 0 },
      fn,
      stop,
      consecutiveFailures: 0,
      skipUntil: 0,
      everyMember,
    });
  }
}
