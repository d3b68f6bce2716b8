export type { BreakdownLine, PriceResult } from './breakdown';
export {
  PriceConfigError,
  parsePriceConfig,
  serializePriceConfig,
  type ConfigIssue,
  type DimensionRule,
  type FlatConfig,
  type GraduatedConfig,
  type GraduatedPercentageConfig,
  type PackageConfig,
  type PercentageConfig,
  type PercentageTier,
  type PerUnitConfig,
  type Price,
  type PriceConfig,
  type PriceConfigJson,
  type PriceModel,
  type StairstepConfig,
  type Step,
  type Tier,
  type VolumeConfig,
} from './config';
export { PricingError, priceAmounts, priceQuantity, pricesAmounts } from './engine';
export { matchingRule, parsePrice, price, serializePrice, type DimensionalUsage, type PriceJson, type Usage } from './dimensions';
export { chargeModel, isPriceModel, priceModels, type AmountsChargeModel, type ChargeModel, type QuantityChargeModel } from './registry';
export { percentageTransactionFees, type TransactionFee } from './models/percentage';
export { roundLine, totalOfRoundedLines } from './rounding';
export { minimumCommitmentTrueUp } from './commitment';
export { prorate, type Period } from './proration';
