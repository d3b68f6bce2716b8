import { Decimal } from '@meterline/kit';
import { aggregate, finalValue, mergeStates, emptyState, stateFromJson, Aggregations } from '@meterline/usage';
import fc from 'fast-check';
import { validateNewMeter } from '../src/domain/meter';
import { usageItems, type MatchedEvent, type MeterForItems } from '../src/domain/usage-items';

const meter: MeterForItems = {
  id: 'm1',
  reference: 'calls',
  properties: ['region'],
  metrics: Aggregations.map((aggregation) => ({
    reference: aggregation,
    aggregation,
    valueReference: aggregation === 'COUNT' || aggregation === 'UNIQUE_COUNT' ? null : 'n',
    property: aggregation === 'UNIQUE_COUNT' ? 'region' : null,
    filters: {},
  })),
};

describe('usage items', () => {
  it('merge, per customer and metric, to aggregating the events at once: one item per event and metric it counts in', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customer: fc.constantFrom('c1', 'c2'),
            minute: fc.integer({ min: 0, max: 600 }),
            n: fc.integer({ min: 0, max: 999 }),
            region: fc.constantFrom('eu', 'us', 'ap'),
          }),
          { maxLength: 50 },
        ),
        (raw) => {
          const events: MatchedEvent[] = raw.map((r, i) => ({
            id: `e${String(i).padStart(3, '0')}`,
            customerId: r.customer,
            meterId: 'm1',
            subscriptionId: null,
            timestamp: new Date(Date.UTC(2026, 0, 1) + r.minute * 60_000),
            values: { n: new Decimal(r.n) },
            properties: { region: r.region },
          }));
          const deltas = usageItems(new Map([['m1', meter]]), events);
          for (const customer of ['c1', 'c2']) {
            for (const metric of meter.metrics) {
              const merged = deltas
                .filter((d) => d.customerId === customer && d.metric === metric.reference)
                .reduce((state, d) => mergeStates(state, stateFromJson(d.state)), emptyState());
              expect(finalValue(metric, merged).toFixed()).toBe(
                aggregate(
                  metric,
                  events.filter((e) => e.customerId === customer),
                ).toFixed(),
              );
            }
          }
          expect(deltas).toHaveLength(events.length * meter.metrics.length);
          for (const d of deltas) {
            const event = events.find((e) => e.id === d.eventId)!;
            expect([d.at, d.state.count, d.subscriptionId]).toEqual([event.timestamp.toISOString(), 1, null]);
          }
        },
      ),
    );
  });
});

describe('meter definitions', () => {
  const base = { reference: 'm', name: 'M', values: [{ reference: 'n', type: 'NUMBER' as const }], properties: ['region'] };
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as { extensions: { field?: string } }).extensions.field;
    }
    return null;
  };

  it('ties each aggregation to what it reads and names the field otherwise', () => {
    expect(fieldOf(() => validateNewMeter({ ...base, metrics: [{ reference: 'x', aggregation: 'SUM' }] }))).toBe(
      'metrics[0].valueReference',
    );
    expect(fieldOf(() => validateNewMeter({ ...base, metrics: [{ reference: 'x', aggregation: 'COUNT', valueReference: 'n' }] }))).toBe(
      'metrics[0].valueReference',
    );
    expect(fieldOf(() => validateNewMeter({ ...base, metrics: [{ reference: 'x', aggregation: 'UNIQUE_COUNT', property: 'user' }] }))).toBe(
      'metrics[0].property',
    );
    expect(
      fieldOf(() =>
        validateNewMeter({ ...base, metrics: [{ reference: 'x', aggregation: 'MAX', valueReference: 'n', property: 'region' }] }),
      ),
    ).toBe('metrics[0].property');
    expect(
      fieldOf(() =>
        validateNewMeter({ ...base, metrics: [{ reference: 'x', aggregation: 'COUNT', filters: [{ property: 'user', values: ['a'] }] }] }),
      ),
    ).toBe('metrics[0].filters[0].property');
    expect(
      fieldOf(() =>
        validateNewMeter({ ...base, metrics: [{ reference: 'x', aggregation: 'COUNT', filters: [{ property: 'region', values: [] }] }] }),
      ),
    ).toBe('metrics[0].filters[0].values');
    expect(
      validateNewMeter({
        ...base,
        metrics: [
          { reference: 'x', aggregation: 'UNIQUE_COUNT', property: 'region', filters: [{ property: 'region', values: ['eu', 'eu'] }] },
        ],
      }).metrics[0],
    ).toEqual({
      reference: 'x',
      aggregation: 'UNIQUE_COUNT',
      valueReference: null,
      property: 'region',
      filters: { region: ['eu'] },
    });
  });
});
