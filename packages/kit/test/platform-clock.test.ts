import fc from 'fast-check';
import { TestClock } from '../src/clock';
import { clockOfPlatform, forEachTimeScope, PlatformClock, scopeCondition, scopeParameters } from '../src/platform-clock';
import { newPlatformId } from '../src/testing';

const START = '2026-04-01T00:00:00Z';

describe('PlatformClock: business time per platform', () => {
  it('serves the service clock to production platforms and the clock plus its offset to an advanced sandbox', () => {
    const base = new TestClock(START);
    const clock = new PlatformClock(base);
    const [sandbox, production] = [newPlatformId(), newPlatformId()];
    clock.learn(sandbox, 90 * 86_400_000);
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(clock.now(production).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(clock.now(sandbox).toISOString()).toBe('2026-06-30T00:00:00.000Z');
    // Both keep running with the service clock.
    base.advance(1000);
    expect(clock.now(sandbox).toISOString()).toBe('2026-06-30T00:00:01.000Z');
    expect(clock.forPlatform(sandbox).now().toISOString()).toBe('2026-06-30T00:00:01.000Z');
    expect(clockOfPlatform(clock, production).now().toISOString()).toBe('2026-04-01T00:00:01.000Z');
  });

  it('never goes back: smaller, equal, negative or non-integer offsets learned later are ignored (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double(), fc.constant(Number.NaN)), { maxLength: 30 }),
        (offsets) => {
          const clock = new PlatformClock(new TestClock(START));
          const platform = newPlatformId();
          let last = clock.now(platform).getTime();
          for (const offset of offsets) {
            clock.learn(platform, offset);
            const now = clock.now(platform).getTime();
            expect(now).toBeGreaterThanOrEqual(last);
            last = now;
          }
          const best = Math.max(0, ...offsets.filter((o) => Number.isSafeInteger(o)));
          expect(clock.offsetOf(platform)).toBe(best);
        },
      ),
    );
  });

  it('splits a scan over every platform into scopes that cover each platform exactly once, at its own now (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 1e11 }), { maxLength: 6 }), async (offsets) => {
        const clock = new PlatformClock(new TestClock(START));
        const sandboxes = offsets.map((offset) => {
          const id = newPlatformId();
          clock.learn(id, offset);
          return id;
        });
        const scopes = clock.scopes();
        expect(scopes).toHaveLength(sandboxes.length + 1);
        // The production scope leaves out every moved sandbox and runs at the service clock.
        expect(scopes[0]).toEqual({ now: clock.now(), onlyPlatformId: null, exceptPlatformIds: sandboxes });
        // Each sandbox is scanned alone at its time.
        expect(scopes.slice(1)).toEqual(sandboxes.map((id) => ({ now: clock.now(id), onlyPlatformId: id, exceptPlatformIds: [] })));
        const seen: string[] = [];
        const done = await forEachTimeScope(clock, async (scope) => {
          if (scope.onlyPlatformId) seen.push(scope.onlyPlatformId);
          return 1;
        });
        expect(done).toBe(sandboxes.length + 1);
        expect(seen).toEqual(sandboxes);
      }),
    );
  });

  it('gives a plain clock one scope over every platform', async () => {
    const scopes: unknown[] = [];
    await forEachTimeScope(new TestClock(START), async (scope) => scopes.push(scope));
    expect(scopes).toEqual([{ now: new Date(START), onlyPlatformId: null, exceptPlatformIds: [] }]);
  });

  it('writes the scope as one SQL condition and its parameters', () => {
    expect(scopeCondition('i.platform_id', 3, 4)).toBe(
      '(($3::uuid IS NULL OR i.platform_id = $3::uuid) AND i.platform_id <> ALL($4::uuid[]))',
    );
    const id = newPlatformId();
    expect(scopeParameters({ now: new Date(), onlyPlatformId: id, exceptPlatformIds: [] })).toEqual([id, []]);
  });
});
