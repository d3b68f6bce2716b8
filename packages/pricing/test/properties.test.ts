import fc from 'fast-check';
import { Decimal, minorUnits } from '@meterline/money';
import {
  parsePriceConfig,
  percentageTransactionFees,
  price,
  priceAmounts,
  priceQuantity,
  pricesAmounts,
  prorate,
  roundLine,
  serializePriceConfig,
  type GraduatedConfig,
  type PercentageConfig,
} from '../src';
import { anyConfig, configJson, decimalString, percentageConfig, priceString, quantityString, unitTiers } from './arbitraries';
import { d } from './support';

const graduated = (flatFees: boolean) =>
  unitTiers({ flatFees }).map((tiers) => parsePriceConfig({ model: 'GRADUATED', tiers }) as GraduatedConfig);

describe('pricing invariants', () => {
  it('graduated ≤ max unit price × quantity + sum of flat fees', () => {
    fc.assert(
      fc.property(graduated(true), quantityString, (config, quantity) => {
        const maxUnit = Decimal.max(...config.tiers.map((tier) => tier.unitPrice));
        const fees = config.tiers.reduce((sum, tier) => sum.plus(tier.flatFee), new Decimal(0));
        return priceQuantity(config, d(quantity)).amount.lte(maxUnit.times(quantity).plus(fees));
      }),
    );
  });

  it('volume and graduated agree when there is one tier', () => {
    fc.assert(
      fc.property(unitTiers({ flatFees: true, maxTiers: 1 }), quantityString, (tiers, quantity) => {
        const volume = priceQuantity(parsePriceConfig({ model: 'VOLUME', tiers }), d(quantity));
        const grad = priceQuantity(parsePriceConfig({ model: 'GRADUATED', tiers }), d(quantity));
        return volume.amount.eq(grad.amount);
      }),
    );
  });

  it('graduated is non-decreasing in quantity when flat fees are 0', () => {
    fc.assert(
      fc.property(graduated(false), quantityString, quantityString, (config, a, b) => {
        const [low, high] = d(a).lte(d(b)) ? [a, b] : [b, a];
        return priceQuantity(config, d(low)).amount.lte(priceQuantity(config, d(high)).amount);
      }),
    );
  });

  it('package amount is a whole multiple of packagePrice', () => {
    fc.assert(
      fc.property(
        decimalString(100, 2, true),
        priceString,
        decimalString(100, 0),
        quantityString,
        (packageSize, packagePrice, freeUnits, quantity) => {
          const config = parsePriceConfig({ model: 'PACKAGE', packageSize, packagePrice, freeUnits });
          const amount = priceQuantity(config, d(quantity)).amount;
          return d(packagePrice).isZero() ? amount.isZero() : amount.dividedBy(packagePrice).isInteger();
        },
      ),
    );
  });

  it('PERCENTAGE never charges a non-free transaction outside [min, max]', () => {
    fc.assert(
      fc.property(percentageConfig, fc.array(decimalString(2_000, 2), { maxLength: 20 }), (config, amounts) => {
        const { minPerTransaction: min, maxPerTransaction: max } = config as PercentageConfig;
        return percentageTransactionFees(config as PercentageConfig, amounts.map(d))
          .filter((fee) => !fee.free)
          .every((fee) => (min === null || fee.fee.gte(min)) && (max === null || fee.fee.lte(max)));
      }),
    );
  });

  it('amount is the exact sum of the breakdown lines, for every model', () => {
    fc.assert(
      fc.property(anyConfig, fc.array(decimalString(2_000, 2), { maxLength: 10 }), (config, amounts) => {
        const result = priceAmounts(config, amounts.map(d));
        return result.amount.eq(result.breakdown.reduce((sum, line) => sum.plus(line.amount), new Decimal(0))) && result.amount.gte(0);
      }),
    );
  });

  it('parsePriceConfig(serializePriceConfig(c)) round-trips', () => {
    fc.assert(
      fc.property(configJson, (json) => {
        const config = parsePriceConfig(json);
        const serialized = serializePriceConfig(config);
        expect(parsePriceConfig(serialized)).toEqual(config);
        expect(serializePriceConfig(parsePriceConfig(serialized))).toEqual(serialized);
      }),
    );
  });

  it('dimensional pricing with no rules equals pricing with the default', () => {
    const properties = fc.dictionary(fc.constantFrom('model', 'region'), fc.constantFrom('gpt-4', 'eu', 'x'));
    fc.assert(
      fc.property(anyConfig, fc.array(fc.tuple(properties, decimalString(1_000, 2)), { maxLength: 5 }), (config, entries) => {
        const values = entries.map(([, value]) => d(value));
        const usage = entries.map(([props, value]) =>
          pricesAmounts(config)
            ? { properties: props, usage: { kind: 'amounts' as const, amounts: [d(value)] } }
            : { properties: props, usage: { kind: 'quantity' as const, quantity: d(value) } },
        );
        const expected = pricesAmounts(config)
          ? priceAmounts(config, values)
          : priceQuantity(
              config,
              values.reduce((sum, value) => sum.plus(value), new Decimal(0)),
            );
        expect(price({ config, dimensions: [] }, usage)).toEqual(expected);
      }),
    );
  });
});

describe('proration invariants', () => {
  const period = fc
    .tuple(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1, max: 400 * 86_400_000 }))
    .map(([start, length]) => ({ start: new Date(start), end: new Date(start + length) }));
  const periodAndInstant = period.chain((p) =>
    fc.integer({ min: p.start.getTime(), max: p.end.getTime() }).map((instant) => ({ p, at: new Date(instant) })),
  );

  it('the two halves of a period add up to the whole within one minor unit after rounding each', () => {
    fc.assert(
      fc.property(periodAndInstant, decimalString(100_000, 4), fc.constantFrom('EUR', 'JPY', 'BHD'), ({ p, at }, amount, currency) => {
        const first = roundLine(prorate(d(amount), p, { start: p.start, end: at }), currency);
        const second = roundLine(prorate(d(amount), p, { start: at, end: p.end }), currency);
        const minorUnit = new Decimal(10).pow(-minorUnits(currency));
        return first
          .plus(second)
          .minus(roundLine(d(amount), currency))
          .abs()
          .lte(minorUnit);
      }),
    );
  });

  it('prorating the whole period gives the amount', () => {
    fc.assert(fc.property(period, decimalString(100_000, 4), (p, amount) => prorate(d(amount), p, p).eq(d(amount))));
  });
});
