import { Decimal } from '@meterline/money';
import { checkKnownFields, nullableDecimal, readObject, type ConfigIssue, type JsonObject } from './fields';

/** Anything with an inclusive upper bound: tiers, steps, percentage tiers. */
export interface Bounded {
  upTo: Decimal | null;
}

const ZERO = new Decimal(0);

/**
 * Reads a list of tiers or steps: non-empty, `upTo` positive and strictly ascending, only the last open.
 * `parseRest` reads the fields other than `upTo`.
 */
export function readBoundedList<T extends Bounded>(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssue[],
  noun: 'tier' | 'step',
  fields: readonly string[],
  parseRest: (item: JsonObject, itemPath: string) => Omit<T, 'upTo'> | undefined,
): T[] | undefined {
  const listPath = `${path}.${key}`;
  const value = obj[key];
  if (value === undefined || value === null) {
    issues.push({ path: listPath, message: 'is required' });
    return undefined;
  }
  if (!Array.isArray(value)) {
    issues.push({ path: listPath, message: `must be an array of ${noun}s` });
    return undefined;
  }
  if (value.length === 0) {
    issues.push({ path: listPath, message: `must have at least one ${noun}` });
    return undefined;
  }
  const items: Array<T | undefined> = [];
  let previous: Decimal | undefined;
  value.forEach((raw: unknown, index) => {
    const itemPath = `${listPath}[${index}]`;
    const item = readObject(raw, itemPath, issues);
    if (item === undefined) {
      items.push(undefined);
      return;
    }
    checkKnownFields(item, ['upTo', ...fields], itemPath, issues);
    const upTo = nullableDecimal(item, 'upTo', itemPath, issues, 'positive', true);
    const isLast = index === value.length - 1;
    if (upTo === null && !isLast) {
      issues.push({ path: `${itemPath}.upTo`, message: `only the last ${noun} may be open (upTo: null)` });
    }
    if (upTo !== null && upTo !== undefined && isLast) {
      issues.push({ path: `${itemPath}.upTo`, message: `the last ${noun} must be open (upTo: null) so every quantity is covered` });
    }
    if (upTo && previous && upTo.lte(previous)) {
      issues.push({ path: `${itemPath}.upTo`, message: `must be greater than the previous ${noun}'s upTo (${previous.toFixed()})` });
    }
    if (upTo) previous = upTo;
    const rest = parseRest(item, itemPath);
    items.push(upTo === undefined || rest === undefined ? undefined : ({ ...rest, upTo } as T));
  });
  return items.every((item): item is T => item !== undefined) ? items : undefined;
}

/** Exclusive lower bound of tier `index`: the previous tier's upTo, 0 for the first. */
export function lowerBound(tiers: readonly Bounded[], index: number): Decimal {
  return index === 0 ? ZERO : (tiers[index - 1].upTo as Decimal);
}

/** The tier whose range (lower, upTo] contains the quantity; 0 falls into the first. */
export function indexContaining(tiers: readonly Bounded[], quantity: Decimal): number {
  const index = tiers.findIndex((tier) => tier.upTo === null || quantity.lte(tier.upTo));
  return index === -1 ? tiers.length - 1 : index;
}

/** The part of `quantity` that falls in tier `index` (graduated pricing). */
export function unitsInTier(tiers: readonly Bounded[], index: number, quantity: Decimal): Decimal {
  const lower = lowerBound(tiers, index);
  const upTo = tiers[index].upTo;
  const top = upTo === null ? quantity : Decimal.min(quantity, upTo);
  return Decimal.max(top.minus(lower), ZERO);
}

/** Human-readable range: "up to 5", "over 5 up to 10", "over 10", "all". */
export function rangeText(tiers: readonly Bounded[], index: number): string {
  const upTo = tiers[index].upTo;
  if (index === 0) return upTo === null ? 'all' : `up to ${upTo.toFixed()}`;
  const lower = lowerBound(tiers, index).toFixed();
  return upTo === null ? `over ${lower}` : `over ${lower} up to ${upTo.toFixed()}`;
}

/** Serialises upTo as a decimal string, null stays null. */
export function serializeUpTo(upTo: Decimal | null): string | null {
  return upTo === null ? null : upTo.toFixed();
}
