import { Decimal } from '@meterline/money';
import { resultOf, type BreakdownLine, type PriceResult } from './breakdown';
import {
  PriceConfigError,
  readPriceConfig,
  serializePriceConfig,
  type DimensionRule,
  type Price,
  type PriceConfig,
  type PriceConfigJson,
} from './config';
import { PricingError, priceAmounts, priceQuantity, pricesAmounts } from './engine';
import { readObject, type ConfigIssue } from './fields';

export type Usage = { kind: 'quantity'; quantity: Decimal } | { kind: 'amounts'; amounts: Decimal[] };

/** Usage of one combination of event property values (e.g. `{ model: 'gpt-4' }`). */
export interface DimensionalUsage {
  properties: Record<string, string>;
  usage: Usage;
}

/** JSON form of a Price: the default config's fields plus optional `dimensions: [{ match, config }]`. */
export type PriceJson = PriceConfigJson & { dimensions?: Array<{ match: Record<string, string>; config: PriceConfigJson }> };

/** A rule's identity regardless of key order, to refuse two rules with the same match. */
function matchKey(match: Record<string, string>): string {
  return JSON.stringify(Object.entries(match).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readMatch(value: unknown, path: string, issues: ConfigIssue[]): Record<string, string> | undefined {
  const obj = readObject(value, path, issues);
  if (obj === undefined) return undefined;
  if (Object.keys(obj).length === 0) {
    issues.push({ path, message: 'must match at least one property' });
    return undefined;
  }
  let valid = true;
  for (const [key, property] of Object.entries(obj)) {
    if (typeof property !== 'string') {
      issues.push({ path: `${path}.${key}`, message: 'must be a string property value' });
      valid = false;
    }
  }
  return valid ? (obj as Record<string, string>) : undefined;
}

/** Parses `{ ...default config fields, dimensions?: [{ match, config }] }`; throws PriceConfigError listing every issue. */
export function parsePrice(json: unknown, path = 'price'): Price {
  const issues: ConfigIssue[] = [];
  const config = readPriceConfig(json, path, issues, ['dimensions']);
  const raw = (json as { dimensions?: unknown } | null)?.dimensions;
  const dimensions: DimensionRule[] = [];
  const seen = new Map<string, number>();
  if (raw !== undefined && !Array.isArray(raw)) issues.push({ path: `${path}.dimensions`, message: 'must be an array of rules' });
  (Array.isArray(raw) ? raw : []).forEach((value: unknown, index) => {
    const rulePath = `${path}.dimensions[${index}]`;
    const rule = readObject(value, rulePath, issues);
    if (rule === undefined) return;
    for (const key of Object.keys(rule)) {
      if (key !== 'match' && key !== 'config')
        issues.push({ path: `${rulePath}.${key}`, message: 'is not a known field (expected match, config)' });
    }
    const match = readMatch(rule.match, `${rulePath}.match`, issues);
    const ruleConfig = readPriceConfig(rule.config, `${rulePath}.config`, issues);
    if (match !== undefined) {
      const first = seen.get(matchKey(match));
      if (first !== undefined) issues.push({ path: `${rulePath}.match`, message: `duplicates the match of ${path}.dimensions[${first}]` });
      else seen.set(matchKey(match), index);
    }
    if (match && ruleConfig) dimensions.push({ match, config: ruleConfig });
  });
  if (issues.length > 0 || config === undefined) throw new PriceConfigError(issues);
  return { config, dimensions };
}

export function serializePrice(price: Price): PriceJson {
  const json: PriceJson = serializePriceConfig(price.config);
  if (price.dimensions.length > 0) {
    json.dimensions = price.dimensions.map((rule) => ({ match: { ...rule.match }, config: serializePriceConfig(rule.config) }));
  }
  return json;
}

/** First rule, in order, whose every match entry equals the property value; -1 → the default config. */
export function matchingRule(rules: readonly DimensionRule[], properties: Record<string, string>): number {
  return rules.findIndex((rule) => Object.entries(rule.match).every(([key, value]) => properties[key] === value));
}

interface Group {
  quantities: Decimal[];
  amounts: Decimal[];
}

function priceGroup(config: PriceConfig, group: Group): PriceResult {
  if (pricesAmounts(config)) {
    if (group.quantities.length > 0) throw new PricingError(`${config.model} prices transaction amounts, got a quantity`);
    return priceAmounts(config, group.amounts);
  }
  // Quantity models sum everything: quantities and transaction amounts alike.
  const quantity = [...group.quantities, ...group.amounts].reduce((sum, value) => sum.plus(value), new Decimal(0));
  return priceQuantity(config, quantity);
}

/**
 * Prices usage with dimensional rules. Each usage goes to the first matching rule, else to the default config;
 * a group's quantities are summed and its amounts concatenated. The default config is always priced (zero usage
 * if nothing fell to it, so a FLAT default or a first-tier flat fee still bills); a rule is priced only when some
 * usage matched it. Lines of a rule carry its match as `dimension`; lines of the default carry null.
 */
export function price(price: Price, usage: Usage | DimensionalUsage[]): PriceResult {
  const entries: DimensionalUsage[] = Array.isArray(usage) ? usage : [{ properties: {}, usage }];
  const groups = new Map<number, Group>([[-1, { quantities: [], amounts: [] }]]);
  for (const entry of entries) {
    const index = matchingRule(price.dimensions, entry.properties);
    const group = groups.get(index) ?? { quantities: [], amounts: [] };
    groups.set(index, group);
    if (entry.usage.kind === 'quantity') group.quantities.push(entry.usage.quantity);
    else group.amounts.push(...entry.usage.amounts);
  }
  const lines: BreakdownLine[] = [];
  const order = [...groups.keys()].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b));
  for (const index of order) {
    const rule = index === -1 ? undefined : price.dimensions[index];
    const result = priceGroup(rule ? rule.config : price.config, groups.get(index) as Group);
    const dimension = rule ? { ...rule.match } : null;
    lines.push(...result.breakdown.map((line) => ({ ...line, dimension })));
  }
  return resultOf(lines);
}
