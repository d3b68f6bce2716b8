import { isUuid, timeOrderedUuids } from '../src';

describe('timeOrderedUuids', () => {
  it('makes distinct version-7 UUIDs carrying the millisecond they were made in', () => {
    const ids = timeOrderedUuids(1000, Date.UTC(2026, 10, 22, 1, 2, 3, 456));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7'); // version
      expect('89ab').toContain(id[19]); // RFC 9562 variant
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 22, 1, 2, 3, 456));
    }
  });

  it('sorts ids of a later millisecond after those of an earlier one', () => {
    const earlier = timeOrderedUuids(50, 1_700_000_000_000);
    const later = timeOrderedUuids(50, 1_700_000_000_001);
    expect(earlier.every((a) => later.every((b) => a < b))).toBe(true);
  });
});
