import { ConnectionType, DecimalScalar, Money, type Decimal } from '@meterline/kit';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { BillingPeriod as BillingPeriodName, RecurringTiming as RecurringTimingName } from '../domain/plan-version';
import { Feature } from './feature.type';
import { PriceBreakdownLine, PriceDefinition, PriceInput, RecurringTiming } from './price.type';
import { ProductItem } from './product.type';
import { CatalogStatus } from './status.type';

export enum BillingPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(BillingPeriod, { name: 'BillingPeriod' });

@ObjectType({ description: 'A plan template; its versions hold the prices' })
export class PricingPlan {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  createdAt: Date;
}

export const PricingPlanConnection = ConnectionType(PricingPlan, 'PricingPlan');

@ObjectType({ description: 'The price of one product item in a plan version' })
export class PlanPrice {
  @Field(() => ID)
  id: string;

  @Field(() => ProductItem)
  productItem: ProductItem;

  @Field(() => RecurringTiming, { nullable: true, description: 'RECURRING and SEAT items: billed at the start or the end of the period' })
  recurringTiming: RecurringTimingName | null;

  @Field(() => PriceDefinition)
  price: PriceDefinition;
}

@ObjectType({ description: 'Access to a feature granted by a plan version' })
export class Entitlement {
  @Field(() => Feature)
  feature: Feature;

  @Field()
  enabled: boolean;

  @Field(() => DecimalScalar, { nullable: true, description: 'A usage limit, when the feature has one' })
  limit: Decimal | null;
}

@ObjectType({ description: 'A version of a pricing plan: currency, period, prices, entitlements. Immutable once active.' })
@Directive('@key(fields: "id")')
export class PricingPlanVersion {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => CatalogStatus)
  status: CatalogStatus | string;

  @Field()
  currency: string;

  @Field(() => BillingPeriod)
  billingPeriod: BillingPeriodName;

  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum spend per period; the shortfall is billed as a true-up' })
  minimumCommitment: Decimal | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  activatedAt: Date | null;

  planId: string;
  lineOrder: string[] | null;
}

@InputType()
export class CreatePricingPlanInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({ description: 'Currency of the first version' })
  currency: string;

  @Field(() => BillingPeriod)
  billingPeriod: BillingPeriodName;
}

@InputType()
export class UpdatePlanVersionInput {
  @Field(() => ID)
  planVersion: string;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => BillingPeriod, { nullable: true })
  billingPeriod?: BillingPeriodName | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Set to a value, or leave out; use clearMinimumCommitment to remove' })
  minimumCommitment?: Decimal | null;

  @Field(() => Boolean, { nullable: true })
  clearMinimumCommitment?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Invoice line order: product item ids or references; [] returns to catalog order' })
  lineOrder?: string[] | null;
}

@InputType()
export class SetPriceInput {
  @Field(() => ID)
  planVersion: string;

  @Field({ description: 'Product item id or reference' })
  productItem: string;

  @Field(() => PriceInput)
  price: PriceInput;

  @Field(() => RecurringTiming, { nullable: true })
  recurringTiming?: RecurringTimingName | null;
}

@InputType()
export class SetEntitlementInput {
  @Field(() => ID)
  planVersion: string;

  @Field({ description: 'Feature id or reference' })
  feature: string;

  @Field({ defaultValue: true })
  enabled: boolean;

  @Field(() => DecimalScalar, { nullable: true })
  limit?: Decimal | null;
}

@ObjectType({ description: 'What a usage would cost under a price' })
export class PricePreview {
  @Field(() => Money, { description: 'Rounded once, half-up, to the currency’s minor unit' })
  amount: Money;

  @Field(() => DecimalScalar, { description: 'Exact, before rounding' })
  exactAmount: Decimal;

  @Field(() => [PriceBreakdownLine])
  breakdown: PriceBreakdownLine[];
}
