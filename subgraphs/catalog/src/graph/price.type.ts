import { DecimalScalar, PriceBreakdownLine, type Decimal } from '@meterline/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum PriceModel {
  FLAT = 'FLAT',
  PER_UNIT = 'PER_UNIT',
  PACKAGE = 'PACKAGE',
  GRADUATED = 'GRADUATED',
  VOLUME = 'VOLUME',
  STAIRSTEP = 'STAIRSTEP',
  PERCENTAGE = 'PERCENTAGE',
  GRADUATED_PERCENTAGE = 'GRADUATED_PERCENTAGE',
}
registerEnumType(PriceModel, {
  name: 'PriceModel',
  valuesConfig: {
    FLAT: { description: 'amount, whatever the quantity' },
    PER_UNIT: { description: 'quantity × unitPrice' },
    PACKAGE: { description: 'packagePrice per started package of packageSize, after freeUnits' },
    GRADUATED: { description: 'each tier prices the units in it (tiers: unitPrice, flatFee)' },
    VOLUME: { description: 'the whole quantity at the reached tier’s unitPrice, plus its flatFee' },
    STAIRSTEP: { description: 'the amount of the step the quantity falls into' },
    PERCENTAGE: { description: 'rate % of each transaction plus fixedFee, clamped to min/max, after free transactions/amount' },
    GRADUATED_PERCENTAGE: { description: 'rate % per tier of the cumulative amount, flatFee when a tier is first reached' },
  },
});

export enum RecurringTiming {
  IN_ADVANCE = 'IN_ADVANCE',
  IN_ARREARS = 'IN_ARREARS',
}
registerEnumType(RecurringTiming, { name: 'RecurringTiming' });

// ---- input: one flat shape with a model discriminator; @meterline/pricing validates it and names the field.

@InputType()
export class PriceTierInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'Inclusive upper bound; null for the last, open tier' })
  upTo?: Decimal | null;

  @Field(() => DecimalScalar)
  unitPrice: Decimal;

  @Field(() => DecimalScalar, { nullable: true })
  flatFee?: Decimal | null;
}

@InputType()
export class PriceStepInput {
  @Field(() => DecimalScalar, { nullable: true })
  upTo?: Decimal | null;

  @Field(() => DecimalScalar)
  amount: Decimal;
}

@InputType()
export class PercentageTierInput {
  @Field(() => DecimalScalar, { nullable: true })
  upTo?: Decimal | null;

  @Field(() => DecimalScalar, { description: 'Percentage, 0 to 100' })
  rate: Decimal;

  @Field(() => DecimalScalar, { nullable: true })
  flatFee?: Decimal | null;
}

@InputType()
export class PriceConfigInput {
  @Field(() => PriceModel)
  model: PriceModel;

  @Field(() => DecimalScalar, { nullable: true })
  amount?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  packageSize?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  packagePrice?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  freeUnits?: Decimal | null;

  @Field(() => [PriceTierInput], { nullable: true, description: 'GRADUATED and VOLUME' })
  tiers?: PriceTierInput[] | null;

  @Field(() => [PriceStepInput], { nullable: true, description: 'STAIRSTEP' })
  steps?: PriceStepInput[] | null;

  @Field(() => [PercentageTierInput], { nullable: true, description: 'GRADUATED_PERCENTAGE' })
  percentageTiers?: PercentageTierInput[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'PERCENTAGE: percentage, 0 to 100' })
  rate?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  fixedFee?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  minPerTransaction?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  maxPerTransaction?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  freeTransactions?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  freeAmount?: Decimal | null;
}

@InputType()
export class PriceDimensionInput {
  @Field(() => GraphQLJSONObject, { description: 'Event property values this rule applies to, e.g. { "model": "gpt-4" }' })
  match: Record<string, string>;

  @Field(() => PriceConfigInput)
  price: PriceConfigInput;
}

@InputType({ description: 'A price: a model with its parameters, optionally with rules per event property values' })
export class PriceInput extends PriceConfigInput {
  @Field(() => [PriceDimensionInput], { nullable: true, description: 'Dimensional pricing; unmatched values use this price' })
  dimensions?: PriceDimensionInput[] | null;
}

// ---- output: the same shape

@ObjectType()
export class PriceTier {
  @Field(() => DecimalScalar, { nullable: true })
  upTo: Decimal | string | null;

  @Field(() => DecimalScalar)
  unitPrice: Decimal | string;

  @Field(() => DecimalScalar)
  flatFee: Decimal | string;
}

@ObjectType()
export class PriceStep {
  @Field(() => DecimalScalar, { nullable: true })
  upTo: Decimal | string | null;

  @Field(() => DecimalScalar)
  amount: Decimal | string;
}

@ObjectType()
export class PercentageTier {
  @Field(() => DecimalScalar, { nullable: true })
  upTo: Decimal | string | null;

  @Field(() => DecimalScalar)
  rate: Decimal | string;

  @Field(() => DecimalScalar)
  flatFee: Decimal | string;
}

@ObjectType()
export class PriceConfig {
  @Field(() => PriceModel)
  model: PriceModel;

  @Field(() => DecimalScalar, { nullable: true })
  amount?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  packageSize?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  packagePrice?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  freeUnits?: string | null;

  @Field(() => [PriceTier], { nullable: true })
  tiers?: PriceTier[] | null;

  @Field(() => [PriceStep], { nullable: true })
  steps?: PriceStep[] | null;

  @Field(() => [PercentageTier], { nullable: true })
  percentageTiers?: PercentageTier[] | null;

  @Field(() => DecimalScalar, { nullable: true })
  rate?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  fixedFee?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  minPerTransaction?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  maxPerTransaction?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  freeTransactions?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  freeAmount?: string | null;
}

@ObjectType()
export class PriceDimension {
  @Field(() => GraphQLJSONObject)
  match: Record<string, string>;

  @Field(() => PriceConfig)
  price: PriceConfig;
}

@ObjectType()
export class PriceDefinition extends PriceConfig {
  @Field(() => [PriceDimension])
  dimensions: PriceDimension[];
}

// ---- preview

@InputType()
export class DimensionUsageInput {
  @Field(() => GraphQLJSONObject, { description: 'Event property values of this usage, e.g. { "model": "gpt-4" }' })
  properties: Record<string, string>;

  @Field(() => DecimalScalar, { nullable: true })
  quantity?: Decimal | null;

  @Field(() => [DecimalScalar], { nullable: true })
  amounts?: Decimal[] | null;
}

@InputType({ description: 'What to price: a quantity, transaction amounts (percentage models), or usage per dimension' })
export class PriceUsageInput {
  @Field(() => DecimalScalar, { nullable: true })
  quantity?: Decimal | null;

  @Field(() => [DecimalScalar], { nullable: true })
  amounts?: Decimal[] | null;

  @Field(() => [DimensionUsageInput], { nullable: true })
  dimensions?: DimensionUsageInput[] | null;
}

export { PriceBreakdownLine };
