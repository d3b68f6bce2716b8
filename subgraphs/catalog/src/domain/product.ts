import { badInput, checkReference, exactName, exactOptionalText, type LifecycleStatus } from '@meterline/kit/domain';

export const ChargeTypes = ['USAGE', 'RECURRING', 'SEAT', 'ONE_OFF'] as const;
export type ChargeType = (typeof ChargeTypes)[number];

export interface NewProduct {
  reference: string;
  name: string;
  description?: string | null;
}

export interface NewProductItem {
  reference: string;
  name: string;
  chargeType: ChargeType;
  meterReference?: string | null;
  metricReference?: string | null;
  deduction?: boolean | null;
  unitLabel?: string | null;
}

export interface ValidProductItem {
  reference: string;
  name: string;
  chargeType: ChargeType;
  meterReference: string | null;
  metricReference: string | null;
  deduction: boolean;
  unitLabel: string | null;
}

function checkName(field: string, value: string): string {
  return exactName(field, value, 500);
}

export function validateNewProduct(input: NewProduct): Required<NewProduct> {
  return {
    reference: checkReference('reference', input.reference),
    name: checkName('name', input.name),
    description: exactOptionalText('description', input.description) ?? null,
  };
}

/** A USAGE item names the meter metric it bills; other charge types have none. A deduction is a usage item (seed). */
export function validateNewProductItem(input: NewProductItem): ValidProductItem {
  const reference = checkReference('reference', input.reference);
  const name = checkName('name', input.name);
  const usage = input.chargeType === 'USAGE';
  for (const field of ['metricReference', 'meterReference'] as const)
    if (input[field] === '') throw badInput(field, `${field} must not be empty: leave it out, or send null`);
  if (usage && !input.metricReference) throw badInput('metricReference', 'A USAGE item needs the reference of the metric it bills');
  if (!usage && (input.metricReference || input.meterReference)) {
    throw badInput(input.metricReference ? 'metricReference' : 'meterReference', `A ${input.chargeType} item has no meter or metric`);
  }
  if (input.deduction && !usage) throw badInput('deduction', 'Only USAGE items can be deduction items');
  return {
    reference,
    name,
    chargeType: input.chargeType,
    meterReference: usage && input.meterReference ? checkReference('meterReference', input.meterReference) : null,
    metricReference: usage ? checkReference('metricReference', input.metricReference!) : null,
    deduction: Boolean(input.deduction),
    unitLabel: exactOptionalText('unitLabel', input.unitLabel, 'name') ?? null,
  };
}

/** Seed: a deprecated or archived product takes no new items. */
export function checkProductTakesNewItems(status: LifecycleStatus): void {
  if (status === 'DEPRECATED' || status === 'ARCHIVED') {
    throw badInput('product', `A ${status} product cannot get new product items`);
  }
}

/** Seed: deprecated and archived products cannot be added to a (new) plan version. Drafts can, but block activation. */
export function checkProductUsableInVersion(status: LifecycleStatus, field: string): void {
  if (status === 'DEPRECATED' || status === 'ARCHIVED') {
    throw badInput(field, `A ${status} product cannot be added to a plan version`);
  }
}

/** Positions from an ordered list of ids: the list must be exactly the current set. */
export function positionsFromOrder(current: string[], ordered: string[], field: string): Map<string, number> {
  const known = new Set(current);
  if (ordered.length !== current.length || new Set(ordered).size !== ordered.length || !ordered.every((id) => known.has(id))) {
    throw badInput(field, `${field} must list each of the ${current.length} current ids exactly once`);
  }
  return new Map(ordered.map((id, index) => [id, index]));
}

export function validateNewFeature(input: { reference: string; name: string; description?: string | null }) {
  return {
    reference: checkReference('reference', input.reference),
    name: checkName('name', input.name),
    description: exactOptionalText('description', input.description) ?? null,
  };
}
