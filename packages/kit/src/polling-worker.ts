import type { Logger } from './logger';

/**
 * A background loop: runs `work` again at once while it reports work done, else sleeps `intervalMs` (or until
 * `nudge()`); a failure is logged and retried after the interval. `stop()` waits for the round in progress.
 * Safe on every replica when `work` claims rows with `FOR UPDATE SKIP LOCKED`.
 */
export class PollingWorker {
  private stopping = true;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<number>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

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
      try {
        done = await this.work();
      } catch (error) {
        this.log.warn({ err: error }, `${this.name} failed; will retry`);
      }
      if (done === 0 && !this.stopping) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), this.intervalMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
