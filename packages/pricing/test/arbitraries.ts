import fc from 'fast-check';
import { Decimal } from '@meterline/money';
import { parsePriceConfig, type PriceConfig } from '../src';

/** A non-negative decimal string with up to `scale` decimals and an integer part up to `max`. */
export function decimalString(max: number, scale: number, positive = false): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 10 ** scale - 1 }))
    .map(([whole, fraction]) => (scale === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(scale, '0')}`))
    .map((text) => new Decimal(text).toFixed())
    .filter((text) => !positive || new Decimal(text).gt(0));
}

export const quantityString = fc.oneof(decimalString(100_000, 0), decimalString(1_000, 4));
export const priceString = fc.oneof(decimalString(100, 2), decimalString(1, 10));

/** Ascending positive upTo values, the last tier open. */
function upTos(count: number): fc.Arbitrary<Array<string | null>> {
  return fc.array(decimalString(1_000, 2, true), { minLength: count - 1, maxLength: count - 1 }).map((steps) => {
    let total = new Decimal(0);
    const bounds: Array<string | null> = steps.map((step) => (total = total.plus(step)).toFixed());
    return [...bounds, null];
  });
}

export function unitTiers(options: { flatFees: boolean; maxTiers?: number }): fc.Arbitrary<Array<Record<string, string | null>>> {
  return fc
    .integer({ min: 1, max: options.maxTiers ?? 5 })
    .chain((count) =>
      fc
        .tuple(
          upTos(count),
          fc.array(priceString, { minLength: count, maxLength: count }),
          fc.array(options.flatFees ? priceString : fc.constant('0'), { minLength: count, maxLength: count }),
        )
        .map(([bounds, prices, fees]) => bounds.map((upTo, index) => ({ upTo, unitPrice: prices[index], flatFee: fees[index] }))),
    );
}

const percentageJson = fc
  .record({
    rate: decimalString(100, 3).filter((rate) => new Decimal(rate).lte(100)),
    fixedFee: priceString,
    minPerTransaction: fc.option(decimalString(5, 2)),
    maxPerTransaction: fc.option(decimalString(50, 2)),
    freeTransactions: decimalString(5, 0),
    freeAmount: decimalString(500, 2),
  })
  .map((json) =>
    json.minPerTransaction !== null && json.maxPerTransaction !== null && new Decimal(json.minPerTransaction).gt(json.maxPerTransaction)
      ? { ...json, minPerTransaction: json.maxPerTransaction, maxPerTransaction: json.minPerTransaction }
      : json,
  );

/** Valid JSON configs of every model. */
export const configJson: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  priceString.map((amount) => ({ model: 'FLAT', amount })),
  priceString.map((unitPrice) => ({ model: 'PER_UNIT', unitPrice })),
  fc
    .record({ packageSize: decimalString(100, 2, true), packagePrice: priceString, freeUnits: decimalString(100, 0) })
    .map((json) => ({ model: 'PACKAGE', ...json })),
  unitTiers({ flatFees: true }).map((tiers) => ({ model: 'GRADUATED', tiers })),
  unitTiers({ flatFees: true }).map((tiers) => ({ model: 'VOLUME', tiers })),
  unitTiers({ flatFees: false }).map((tiers) => ({
    model: 'STAIRSTEP',
    steps: tiers.map((tier) => ({ upTo: tier.upTo, amount: tier.unitPrice })),
  })),
  percentageJson.map((json) => ({ model: 'PERCENTAGE', ...json })),
  unitTiers({ flatFees: true }).map((tiers) => ({
    model: 'GRADUATED_PERCENTAGE',
    tiers: tiers.map((tier) => ({
      upTo: tier.upTo,
      rate: new Decimal(tier.unitPrice as string).mod(100).toFixed(),
      flatFee: tier.flatFee,
    })),
  })),
);

export const anyConfig: fc.Arbitrary<PriceConfig> = configJson.map((json) => parsePriceConfig(json));
export const percentageConfig = percentageJson.map((json) => parsePriceConfig({ model: 'PERCENTAGE', ...json }));
