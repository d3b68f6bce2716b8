import type { Decimal } from '@meterline/money';
import type { PriceResult } from './breakdown';
import type { ConfigOf, PriceConfig, PriceConfigJson, PriceModel } from './config';
import type { ConfigIssue, JsonObject } from './fields';
import { flatModel } from './models/flat';
import { graduatedModel } from './models/graduated';
import { graduatedPercentageModel } from './models/graduatedPercentage';
import { packageModel } from './models/package';
import { perUnitModel } from './models/perUnit';
import { percentageModel } from './models/percentage';
import { stairstepModel } from './models/stairstep';
import { volumeModel } from './models/volume';

interface ChargeModelBase<C extends PriceConfig> {
  /** Config fields besides `model`, for the unknown-field check. */
  readonly fields: readonly string[];
  /** Reads and validates the fields, pushing every problem to `issues`; undefined when any field is invalid. */
  parse(obj: JsonObject, path: string, issues: ConfigIssue[]): C | undefined;
  serialize(config: C): PriceConfigJson;
}

/** A model priced on one aggregated quantity (units, seats, tokens…). */
export interface QuantityChargeModel<C extends PriceConfig> extends ChargeModelBase<C> {
  readonly usage: 'quantity';
  /** `quantity` is already checked to be finite and non-negative. */
  price(config: C, quantity: Decimal): PriceResult;
}

/** A model priced on individual transaction amounts (PERCENTAGE models). */
export interface AmountsChargeModel<C extends PriceConfig> extends ChargeModelBase<C> {
  readonly usage: 'amounts';
  /** Every amount is already checked to be finite and non-negative. */
  price(config: C, amounts: Decimal[]): PriceResult;
}

export type ChargeModel<C extends PriceConfig> = QuantityChargeModel<C> | AmountsChargeModel<C>;

/** Adding a model means one file in models/ and one line here. */
const registry: { readonly [M in PriceModel]: ChargeModel<ConfigOf<M>> } = {
  FLAT: flatModel,
  PER_UNIT: perUnitModel,
  PACKAGE: packageModel,
  GRADUATED: graduatedModel,
  VOLUME: volumeModel,
  STAIRSTEP: stairstepModel,
  PERCENTAGE: percentageModel,
  GRADUATED_PERCENTAGE: graduatedPercentageModel,
};

export function priceModels(): PriceModel[] {
  return Object.keys(registry) as PriceModel[];
}

export function isPriceModel(value: unknown): value is PriceModel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(registry, value);
}

/** The charge model of a config; the cast is sound because the registry is keyed by each config's own model. */
export function chargeModel(model: PriceModel): ChargeModel<PriceConfig> {
  return registry[model] as unknown as ChargeModel<PriceConfig>;
}
