import fc from 'fast-check';
import { groupBy } from '../src/collections';

describe('groupBy', () => {
  it('puts every item under its key once, in the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), n: fc.nat() })), (items) => {
        const groups = groupBy(items, (i) => i.key);
        expect([...groups.values()].flat()).toHaveLength(items.length);
        for (const [key, group] of groups) expect(group).toEqual(items.filter((i) => i.key === key));
        expect([...groups.keys()]).toEqual([...new Set(items.map((i) => i.key))]);
      }),
    );
  });
});
