import type { Logger } from './logger';
import { OutageLog } from './outage-log';

/**
 * A background loop: runs `work` again at once while it reports work done, else sleeps `intervalMs` (or until
 * `nudge()`); a failure is retried after the interval and logged once per outage (OutageLog: a database down for many
 * polls is one `warn`, its end one `info`; an unexpected failure is an `error` each time). `stop()` waits for the round in progress.
 * Safe on every replica when `work` claims rows with `FOR UPDATE SKIP LOCKED`.
 */
export class PollingWorker {
  private stopping = true;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly outage: OutageLog;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<number>,
    private readonly intervalMs: number,
    log: Logger,
    /**
     * After a round that did work, rest this many times the round's own duration before the next one (0: go on at
     * once). A loop whose work is never urgent (the readers do it themselves when they need it) leaves the rest of
     * the machine to what is: 1 keeps it busy at most half of the time.
     */
    private readonly restRatio = 0,
  ) {
    this.outage = new OutageLog(log, name);
  }

  start(): void {
    if (!this.stopping) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Runs a round now instead of at the end of the current sleep. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let done = 0;
      const started = performance.now();
      try {
        done = await this.work();
        this.outage.succeeded();
      } catch (error) {
        this.outage.failed(error);
      }
      if (this.stopping) break;
      if (done === 0) await this.sleep(this.intervalMs);
      else if (this.restRatio > 0) await this.sleep((performance.now() - started) * this.restRatio);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
