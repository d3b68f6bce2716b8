/** Pure helpers of the subscription screens: tailored prices in the engine’s JSON form, phases, dates. */
import type { PriceModel, PriceOverrideInput, SubscriptionPriceFieldsFragment } from '../generated';

/** A price in the pricing engine's JSON form (what PriceOverrideInput.price and SubscriptionPhase.overrides hold). */
export type PriceJson = Record<string, unknown>;
type PriceDefinition = SubscriptionPriceFieldsFragment['price'];

/** The one parameter a simple model's override replaces; other models (tiers, steps, dimensions) are edited as JSON. */
const MAIN_FIELD: Partial<Record<PriceModel, { field: string; label: string }>> = {
  FLAT: { field: 'amount', label: 'Amount' },
  PER_UNIT: { field: 'unitPrice', label: 'Unit price' },
  PACKAGE: { field: 'packagePrice', label: 'Package price' },
  PERCENTAGE: { field: 'rate', label: 'Rate (%)' },
};

export function mainField(price: PriceJson): { field: string; label: string } | undefined {
  return price.dimensions ? undefined : MAIN_FIELD[price.model as PriceModel];
}

/** Without `__typename`; `dropNulls` leaves out the parameters a model does not have (the engine refuses unknown fields). */
function plain(value: unknown, dropNulls: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => plain(item, false));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => key !== '__typename' && !(dropNulls && v === null))
      .map(([key, v]) => [key, plain(v, false)]),
  );
}

/** A plan price as the engine's JSON: the model's parameters, and its dimension rules as `{ match, config }`. */
export function priceJson(price: PriceDefinition): PriceJson {
  const { dimensions, ...config } = price;
  const json = plain(config, true) as PriceJson;
  if (dimensions.length > 0) json.dimensions = dimensions.map((rule) => ({ match: rule.match, config: plain(rule.price, true) }));
  return json;
}

/** e.g. "FLAT 80", "PER_UNIT 0.04", "GRADUATED (3 tiers)". */
export function priceSummary(price: PriceJson): string {
  const main = mainField(price);
  if (main) return `${String(price.model)} ${String(price[main.field] ?? '—')}`;
  const parts = ['tiers', 'steps', 'percentageTiers', 'dimensions']
    .filter((key) => Array.isArray(price[key]))
    .map((key) => `${(price[key] as unknown[]).length} ${key}`);
  return parts.length ? `${String(price.model)} (${parts.join(', ')})` : String(price.model);
}

/** One tailored price being edited: the item, the price it starts from, and either its main amount or its JSON. */
export interface OverrideRow {
  productItem: string;
  base: PriceJson;
  value: string;
  json: string;
}

export function overrideRow(productItem: string, base: PriceJson): OverrideRow {
  const main = mainField(base);
  return { productItem, base, value: main ? String(base[main.field] ?? '') : '', json: JSON.stringify(base, null, 2) };
}

/** The rows of a phase's overrides (product item id → price). */
export function overrideRows(overrides: Record<string, unknown>): OverrideRow[] {
  return Object.entries(overrides).map(([item, price]) => overrideRow(item, price as PriceJson));
}

export interface InputProblem {
  field: string;
  message: string;
}

/** The overrides to send, or the first row's problem named like the API names it (`overrides[i]…`). */
export function overridesInput(rows: OverrideRow[]): PriceOverrideInput[] | InputProblem {
  const overrides: PriceOverrideInput[] = [];
  for (const [i, row] of rows.entries()) {
    if (!row.productItem) return { field: `overrides[${i}].productItem`, message: 'Choose a product item' };
    const main = mainField(row.base);
    if (main) {
      overrides.push({ productItem: row.productItem, price: { ...row.base, [main.field]: row.value.trim() } });
      continue;
    }
    try {
      overrides.push({ productItem: row.productItem, price: JSON.parse(row.json) as PriceJson });
    } catch {
      return { field: `overrides[${i}].price`, message: 'This is not valid JSON' };
    }
  }
  return overrides;
}

export const isProblem = (value: unknown): value is InputProblem =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value;

/** e.g. "Starter v2": how the screens name a subscription (by the plan version in effect now). */
export const planLabel = (subscription: { planVersion: { version: number; plan: { name: string } } }) =>
  `${subscription.planVersion.plan.name} v${subscription.planVersion.version}`;

/** The phase in effect at `now` (the first one before the subscription starts). */
export function phaseAt<P extends { startsAt: string }>(phases: P[], now: Date): P | undefined {
  return [...phases].reverse().find((p) => new Date(p.startsAt) <= now) ?? phases[0];
}

/** A day the user picked (YYYY-MM-DD, from a date input) as the RFC 3339 instant of its UTC midnight. */
export const utcDay = (day: string) => `${day}T00:00:00.000Z`;
