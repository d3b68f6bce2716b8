import { parseDecimal } from '@meterline/money';
import { minimumCommitmentTrueUp, parsePriceConfig, priceQuantity } from '../src';
import fixture from './fixtures/pricing.json';

interface FixtureCase {
  id: string;
  source: string;
  model: string;
  config: Record<string, unknown>;
  checks: Array<Record<string, string>>;
}

// AGGREGATION cases belong to metering, not to the pricing engine.
const cases = (fixture.cases as FixtureCase[]).filter((example) => example.model !== 'AGGREGATION');
const commitments = cases.filter((example) => example.model === 'MINIMUM_COMMITMENT');
const priced = cases.filter((example) => example.model !== 'MINIMUM_COMMITMENT');

describe('worked pricing examples (test/fixtures/pricing.json)', () => {
  it('covers every non-AGGREGATION case of the fixture', () => {
    expect(priced.length + commitments.length).toBe(fixture.cases.filter((example) => example.model !== 'AGGREGATION').length);
    expect(priced.length).toBeGreaterThanOrEqual(8);
    expect(commitments.length).toBeGreaterThanOrEqual(1);
  });

  describe.each(priced.map((example) => [example.id, example] as const))('%s', (_id, example) => {
    const config = parsePriceConfig({ model: example.model, ...example.config });

    it.each(example.checks.map((check) => [check.quantity, check.amount]))('quantity %s bills %s', (quantity, amount) => {
      const result = priceQuantity(config, parseDecimal(quantity));
      expect(result.amount.toFixed()).toBe(amount);
    });
  });

  describe.each(commitments.map((example) => [example.id, example] as const))('%s', (_id, example) => {
    const minimum = parseDecimal(example.config.minimum as string);

    it.each(example.checks.map((check) => [check.usageAmount, check.trueUp]))('usage %s trues up %s', (usageAmount, trueUp) => {
      expect(minimumCommitmentTrueUp(minimum, parseDecimal(usageAmount)).toFixed()).toBe(trueUp);
    });
  });
});
