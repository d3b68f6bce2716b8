import fc from 'fast-check';
import { PRODUCTION_CLOCK_REFUSED, SANDBOX_MAX_ADVANCE_MS, sandboxAdvance } from '../src/domain/sandbox-clock';

const NOW = new Date('2026-04-01T00:00:00Z');
const extensionsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('sandboxAdvance', () => {
  it('gives the offset from the service clock to the target, from the sandbox’s current offset', () => {
    expect(sandboxAdvance(true, new Date('2026-07-01T00:00:00Z'), NOW, 0)).toBe(91 * 86_400_000);
    // Already 30 days ahead: advancing to 2026-07-01 still means 91 days ahead of the service clock.
    expect(sandboxAdvance(true, new Date('2026-07-01T00:00:00Z'), NOW, 30 * 86_400_000)).toBe(91 * 86_400_000);
    // To its own now: no move.
    expect(sandboxAdvance(true, new Date(NOW.getTime() + 5000), NOW, 5000)).toBe(5000);
  });

  it('refuses a production platform whatever the date, naming the field and the reason', () => {
    expect(extensionsOf(() => sandboxAdvance(false, new Date('2027-01-01T00:00:00Z'), NOW, 0))).toEqual({
      code: 'FORBIDDEN',
      field: 'to',
      reason: PRODUCTION_CLOCK_REFUSED,
    });
  });

  it('refuses going back before the sandbox’s now, and runaway advances, as BAD_USER_INPUT on to', () => {
    expect(extensionsOf(() => sandboxAdvance(true, new Date(NOW.getTime() + 999), NOW, 1000))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
    expect(extensionsOf(() => sandboxAdvance(true, new Date(NOW.getTime() + SANDBOX_MAX_ADVANCE_MS + 1), NOW, 0))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
  });

  it('never yields an offset smaller than the current one, nor a negative one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: -1e11, max: 2e11 }), (current, delta) => {
        const to = new Date(NOW.getTime() + current + delta);
        let offset: number | undefined;
        try {
          offset = sandboxAdvance(true, to, NOW, current);
        } catch {
          expect(delta).toBeLessThan(0);
          return;
        }
        expect(offset).toBeGreaterThanOrEqual(current);
        expect(NOW.getTime() + offset).toBe(to.getTime());
      }),
    );
  });
});
