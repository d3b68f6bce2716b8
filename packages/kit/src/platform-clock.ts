import type { Clock } from './clock';

/**
 * Which platforms a scan over every platform covers and at which instant: the process time for every platform but
 * the sandboxes that run ahead of it (`exceptPlatformIds`), or one sandbox at its own time (`onlyPlatformId`).
 */
export interface TimeScope {
  now: Date;
  /** Set: the scan covers this platform only. */
  onlyPlatformId: string | null;
  /** Platforms the scan must leave out (the sandboxes with a time of their own). */
  exceptPlatformIds: string[];
}

/**
 * Business time per platform: the service's clock (real time, or the test clock) for production platforms, and for a
 * sandbox platform that clock plus the offset its last `advanceSandboxClock` set. Offsets only grow (a sandbox's time
 * never goes back) and come from the `subscriptions.platform.clock-advanced` event (see PlatformClockStore).
 */
export class PlatformClock implements Clock {
  private readonly offsets = new Map<string, number>();

  constructor(readonly base: Clock) {}

  now(platformId?: string): Date {
    const offset = platformId === undefined ? 0 : (this.offsets.get(platformId) ?? 0);
    return new Date(this.base.now().getTime() + offset);
  }

  /** How far a platform runs ahead of the service clock, in milliseconds (0: not a moved sandbox). */
  offsetOf(platformId: string): number {
    return this.offsets.get(platformId) ?? 0;
  }

  /** Learns a platform's offset; a smaller one than known is ignored (a stale or redelivered event). */
  learn(platformId: string, offsetMs: number): void {
    if (!Number.isSafeInteger(offsetMs) || offsetMs <= this.offsetOf(platformId)) return;
    this.offsets.set(platformId, offsetMs);
  }

  /** The clock of one platform, for the work of a request of that platform. */
  forPlatform(platformId: string): Clock {
    return clockOfPlatform(this, platformId);
  }

  /**
   * The scopes a worker scanning every platform runs through, each at its own now: the production platforms at the
   * service clock, then each moved sandbox alone at its time.
   */
  scopes(): TimeScope[] {
    const moved = [...this.offsets.keys()];
    return [
      { now: this.now(), onlyPlatformId: null, exceptPlatformIds: moved },
      ...moved.map((platformId) => ({ now: this.now(platformId), onlyPlatformId: platformId, exceptPlatformIds: [] })),
    ];
  }
}

/** A clock that answers `platformId`'s business time when asked without a platform (a request's clock, REST routes). */
export function clockOfPlatform(clock: Clock, platformId: string): Clock {
  return { now: (other?: string) => clock.now(other ?? platformId) };
}

/** The SQL condition that keeps a scan to a TimeScope; `$only` is a uuid (or null), `$except` a uuid[]. */
export function scopeCondition(column: string, onlyParameter: number, exceptParameter: number): string {
  return `(($${onlyParameter}::uuid IS NULL OR ${column} = $${onlyParameter}::uuid) AND ${column} <> ALL($${exceptParameter}::uuid[]))`;
}

/** The parameters of scopeCondition, in its order. */
export function scopeParameters(scope: TimeScope): [string | null, string[]] {
  return [scope.onlyPlatformId, scope.exceptPlatformIds];
}

/** Runs a scan once per TimeScope of the clock (one when no sandbox moved); sums what each scope reports done. */
export async function forEachTimeScope(clock: Clock, scan: (scope: TimeScope) => Promise<number>): Promise<number> {
  const scopes = clock instanceof PlatformClock ? clock.scopes() : [{ now: clock.now(), onlyPlatformId: null, exceptPlatformIds: [] }];
  let done = 0;
  for (const scope of scopes) done += await scan(scope);
  return done;
}
