import type { Decimal } from '@meterline/money';
import { checkKnownFields, readObject, type ConfigIssue } from './fields';
import { chargeModel, isPriceModel, priceModels } from './registry';

export type { ConfigIssue } from './fields';

export type PriceModel = 'FLAT' | 'PER_UNIT' | 'PACKAGE' | 'GRADUATED' | 'VOLUME' | 'STAIRSTEP' | 'PERCENTAGE' | 'GRADUATED_PERCENTAGE';

/** `upTo` is inclusive; null means the tier is open (only the last one is). */
export interface Tier {
  upTo: Decimal | null;
  unitPrice: Decimal;
  flatFee: Decimal;
}

export interface Step {
  upTo: Decimal | null;
  amount: Decimal;
}

/** `rate` is a percentage (2.9 means 2.9 %). */
export interface PercentageTier {
  upTo: Decimal | null;
  rate: Decimal;
  flatFee: Decimal;
}

export interface FlatConfig {
  model: 'FLAT';
  amount: Decimal;
}
export interface PerUnitConfig {
  model: 'PER_UNIT';
  unitPrice: Decimal;
}
/** A partial package counts as a whole one. */
export interface PackageConfig {
  model: 'PACKAGE';
  packageSize: Decimal;
  packagePrice: Decimal;
  freeUnits: Decimal;
}
export interface GraduatedConfig {
  model: 'GRADUATED';
  tiers: Tier[];
}
/** The whole quantity pays the reached tier's unit price, plus that tier's flat fee. */
export interface VolumeConfig {
  model: 'VOLUME';
  tiers: Tier[];
}
/** The whole quantity pays the flat amount of the step it falls into. */
export interface StairstepConfig {
  model: 'STAIRSTEP';
  steps: Step[];
}
export interface PercentageConfig {
  model: 'PERCENTAGE';
  rate: Decimal;
  fixedFee: Decimal;
  minPerTransaction: Decimal | null;
  maxPerTransaction: Decimal | null;
  freeTransactions: Decimal;
  freeAmount: Decimal;
}
export interface GraduatedPercentageConfig {
  model: 'GRADUATED_PERCENTAGE';
  tiers: PercentageTier[];
}

export type PriceConfig =
  | FlatConfig
  | PerUnitConfig
  | PackageConfig
  | GraduatedConfig
  | VolumeConfig
  | StairstepConfig
  | PercentageConfig
  | GraduatedPercentageConfig;

export type ConfigOf<M extends PriceModel> = Extract<PriceConfig, { model: M }>;

/** The JSON form of a config: the same field names, decimals as strings. */
export interface PriceConfigJson {
  model: PriceModel;
  [field: string]: unknown;
}

/** All match entries must equal the event's property values. */
export interface DimensionRule {
  match: Record<string, string>;
  config: PriceConfig;
}

/** `config` prices usage that matches no rule. */
export interface Price {
  config: PriceConfig;
  dimensions: DimensionRule[];
}

/** A configuration was refused; `issues` lists every problem found, not only the first. */
export class PriceConfigError extends Error {
  override readonly name = 'PriceConfigError';
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid price configuration: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
  }
}

/** Parses and validates a config from its JSON form; throws PriceConfigError listing every issue. */
export function parsePriceConfig(json: unknown, path = 'price'): PriceConfig {
  const issues: ConfigIssue[] = [];
  const config = readPriceConfig(json, path, issues);
  if (issues.length > 0 || config === undefined) throw new PriceConfigError(issues);
  return config;
}

/** Collects issues instead of throwing so a caller (parsePrice) can report nested configs together. */
export function readPriceConfig(
  json: unknown,
  path: string,
  issues: ConfigIssue[],
  extraFields: readonly string[] = [],
): PriceConfig | undefined {
  const obj = readObject(json, path, issues);
  if (obj === undefined) return undefined;
  if (!isPriceModel(obj.model)) {
    const message =
      obj.model === undefined ? 'is required' : `must be one of ${priceModels().join(', ')}, got ${JSON.stringify(obj.model)}`;
    issues.push({ path: `${path}.model`, message });
    return undefined;
  }
  const model = chargeModel(obj.model);
  checkKnownFields(obj, ['model', ...model.fields, ...extraFields], path, issues);
  return model.parse(obj, path, issues);
}

/** The JSON form with decimal strings; parsePriceConfig(serializePriceConfig(c)) equals c. */
export function serializePriceConfig(config: PriceConfig): PriceConfigJson {
  return chargeModel(config.model).serialize(config);
}
