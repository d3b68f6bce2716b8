import { describe, expect, it } from 'vitest';
import { guessMapping, mappingInput, parseAliases } from './reconciliationMapping';

describe('reconciliation mapping', () => {
  it('guesses the columns of a typical export, each column once', () => {
    expect(guessMapping(['Account', 'Month', 'Product', 'Net amount', 'Currency'])).toEqual({
      customerReference: 'Account',
      periodLabel: 'Month',
      periodStart: '',
      periodEnd: '',
      item: 'Product',
      amount: 'Net amount',
      currency: 'Currency',
    });
    expect(guessMapping(['customer', 'period_start', 'period_end', 'description', 'amount'])).toMatchObject({
      periodLabel: '',
      periodStart: 'period_start',
      periodEnd: 'period_end',
      item: 'description',
    });
  });

  it('sends unmapped fields as null', () => {
    const choice = guessMapping(['Account', 'Month', 'Product', 'Net amount']);
    expect(mappingInput(choice)).toEqual({
      customerReference: 'Account',
      item: 'Product',
      amount: 'Net amount',
      periodLabel: 'Month',
      periodStart: null,
      periodEnd: null,
      currency: null,
    });
  });

  it('reads aliases one per line and names the lines it cannot read', () => {
    expect(parseAliases('API usage = API calls\n\nbroken\n = x\nSupport=Premium support')).toEqual({
      aliases: [
        { theirs: 'API usage', ours: 'API calls' },
        { theirs: 'Support', ours: 'Premium support' },
      ],
      problems: [3, 4],
    });
  });
});
