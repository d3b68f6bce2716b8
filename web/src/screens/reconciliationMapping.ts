import type { ReconciliationItemAliasInput, ReconciliationMappingInput } from '../generated';

/** The mapping fields in the order the form shows them, with what a finance person calls them. */
export const MAPPING_FIELDS = [
  { key: 'customerReference', label: 'Customer reference', required: true },
  { key: 'periodLabel', label: 'Period label (2026-03, 2026-Q1…)', required: false },
  { key: 'periodStart', label: 'Period start', required: false },
  { key: 'periodEnd', label: 'Period end', required: false },
  { key: 'item', label: 'Item or description', required: true },
  { key: 'amount', label: 'Amount', required: true },
  { key: 'currency', label: 'Currency (optional)', required: false },
] as const;
export type MappingKey = (typeof MAPPING_FIELDS)[number]['key'];
export type MappingChoice = Record<MappingKey, string>;

const GUESSES: Record<MappingKey, RegExp> = {
  customerReference: /customer|account|client/i,
  periodLabel: /^(period|month|billing ?period)$/i,
  periodStart: /(start|from)/i,
  periodEnd: /(end|to|until)$/i,
  item: /item|product|description|charge|line/i,
  amount: /amount|net|total|price/i,
  currency: /^(currency|cur|ccy)$/i,
};

/** A first mapping from the file's column names (each column used once); the person corrects it. */
export function guessMapping(columns: readonly string[]): MappingChoice {
  const used = new Set<string>();
  const choice = {} as MappingChoice;
  for (const { key } of MAPPING_FIELDS) {
    const column = columns.find((c) => !used.has(c) && GUESSES[key].test(c.trim())) ?? '';
    if (column) used.add(column);
    choice[key] = column;
  }
  if (choice.periodLabel) {
    choice.periodStart = '';
    choice.periodEnd = '';
  }
  return choice;
}

/** The mapping as the API takes it: unmapped fields left out. */
export function mappingInput(choice: MappingChoice): ReconciliationMappingInput {
  const optional = (key: MappingKey) => (choice[key] ? choice[key] : null);
  return {
    customerReference: choice.customerReference,
    item: choice.item,
    amount: choice.amount,
    periodLabel: optional('periodLabel'),
    periodStart: optional('periodStart'),
    periodEnd: optional('periodEnd'),
    currency: optional('currency'),
  };
}

/** Item aliases typed one per line as `old name = Meterline name`; other lines are reported by number. */
export function parseAliases(text: string): { aliases: ReconciliationItemAliasInput[]; problems: number[] } {
  const aliases: ReconciliationItemAliasInput[] = [];
  const problems: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = line.indexOf('=');
    const theirs = line.slice(0, at).trim();
    const ours = line.slice(at + 1).trim();
    if (at < 0 || theirs === '' || ours === '') problems.push(i + 1);
    else aliases.push({ theirs, ours });
  });
  return { aliases, problems };
}
