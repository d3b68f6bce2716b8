/**
 * Every read of the current time goes through a Clock so tests can move time. `platformId` asks for that platform's
 * business time (a sandbox platform may run ahead, see PlatformClock); clocks without platforms ignore it.
 */
export interface Clock {
  now(platformId?: string): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * A clock that runs at real speed from an instant tests may set (the model of Kill Bill's and Stripe's test clocks):
 * it starts at real time; `set` and `advance` shift it, and it keeps running from there, so timers, pollers and
 * workers still make progress. It may be set backwards too.
 */
export class SettableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly realClock: Clock = systemClock) {}

  now(): Date {
    return new Date(this.realClock.now().getTime() + this.offsetMs);
  }

  /** Moves the clock to `to`; returns the new now. */
  set(to: Date): Date {
    if (Number.isNaN(to.getTime())) throw new RangeError('SettableClock.set needs a valid date');
    this.offsetMs = to.getTime() - this.realClock.now().getTime();
    return this.now();
  }

  /** Moves the clock by `ms` (negative: back); returns the new now. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms)) throw new RangeError('SettableClock.advance needs a finite number of milliseconds');
    this.offsetMs += ms;
    return this.now();
  }
}
