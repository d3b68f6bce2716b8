import { ConnectionType, PageArgs } from '@meterline/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { BillingPeriod as BillingPeriodName, SubscriptionStatus as SubscriptionStatusName } from '../domain/subscription';
import { PricingPlanVersion } from './catalog/plan-version.type';

export enum SubscriptionStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  CANCELED = 'CANCELED',
  ENDED = 'ENDED',
}
registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  valuesConfig: {
    DRAFT: { description: 'Not billed yet' },
    ACTIVE: { description: 'Billed every period' },
    CANCELED: { description: 'Billed until endAt, then ENDED; can be reactivated before' },
    ENDED: { description: 'Over' },
  },
});

export enum SubscriptionBillingPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(SubscriptionBillingPeriod, { name: 'SubscriptionBillingPeriod' });

export enum Effective {
  NOW = 'NOW',
  AT = 'AT',
  PERIOD_END = 'PERIOD_END',
}
registerEnumType(Effective, {
  name: 'Effective',
  valuesConfig: {
    NOW: { description: 'Now' },
    AT: { description: 'At the given instant `at`' },
    PERIOD_END: { description: 'At the end of the current billing period' },
  },
});

@ObjectType({ description: 'A stretch of a subscription with one plan version, seat count and set of overrides' })
export class SubscriptionPhase {
  @Field()
  startsAt: Date;

  @Field(() => Date, { nullable: true, description: 'null: open-ended' })
  endsAt: Date | null;

  @Field(() => PricingPlanVersion)
  planVersion: PricingPlanVersion;

  @Field(() => Int)
  seats: number;

  @Field(() => GraphQLJSONObject, { description: 'Product item id → price (the customer’s tailored deal)' })
  overrides: Record<string, unknown>;
}

@ObjectType({ description: 'A billing period, half-open [start, end)' })
export class BillingPeriodRange {
  @Field(() => Int, { description: '0 for the period starting at the anchor' })
  index: number;

  @Field()
  start: Date;

  @Field()
  end: Date;
}

// Named CustomerSubscription in the graph: federation takes any type named `Subscription` for the root of subscription
// operations, and the gateway would then plan its fields from other subgraphs as root fields.
@ObjectType('CustomerSubscription', { description: 'A customer on a plan version, with the customer’s own terms' })
@Directive('@key(fields: "id")')
export class Subscription {
  @Field(() => ID)
  id: string;

  @Field(() => SubscriptionStatus)
  status: SubscriptionStatusName;

  @Field(() => SubscriptionBillingPeriod)
  billingPeriod: BillingPeriodName;

  @Field({ description: 'Start of billing period 0' })
  anchor: Date;

  @Field()
  startAt: Date;

  @Field(() => Date, { nullable: true })
  endAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Recurring charges start after the trial' })
  trialEnd: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Billing cutover (a subscription moved from another system): the billing period holding it is the first invoiced',
  })
  cutoverAt: Date | null;

  @Field(() => String, { nullable: true, description: 'External reference, unique per platform (imports match on it)' })
  reference: string | null;

  @Field()
  createdAt: Date;

  customerId: string;
}

export const SubscriptionConnection = ConnectionType(Subscription, 'Subscription');

@ArgsType()
export class SubscriptionListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Customer id or reference' })
  customer?: string | null;

  @Field(() => SubscriptionStatus, { nullable: true })
  status?: SubscriptionStatusName | null;
}

@InputType()
export class PriceOverrideInput {
  @Field(() => ID, { description: 'Product item id' })
  productItem: string;

  @Field(() => GraphQLJSONObject, {
    description: 'A price in the pricing engine’s JSON form, e.g. { "model": "PER_UNIT", "unitPrice": "0.04" }',
  })
  price: Record<string, unknown>;
}

@InputType()
export class CreateSubscriptionInput {
  @Field({ description: 'Customer id or reference' })
  customer: string;

  @Field(() => ID, { description: 'An ACTIVE plan version' })
  planVersion: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Default: now. At most the platform’s backdating limit ago, unless cutoverAt is given (then any earlier start)',
  })
  startAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Billing cutover for a subscription moved from another system: no invoice for any period before the one holding this instant; that period is the first invoiced, in full',
  })
  cutoverAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'External reference, unique per platform' })
  reference?: string | null;

  @Field(() => Date, { nullable: true })
  endAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Start of billing period 0, at or before startAt; default startAt. Month-end anchors clamp (Jan 31 → Feb 28 → Mar 31).',
  })
  billingAnchor?: Date | null;

  @Field(() => Int, { nullable: true })
  trialDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 1' })
  seats?: number | null;

  @Field(() => [PriceOverrideInput], { nullable: true })
  overrides?: PriceOverrideInput[] | null;

  @Field({ defaultValue: false, description: 'Create as DRAFT instead of ACTIVE' })
  draft: boolean;
}

@InputType({ description: 'What changes, and when; absent fields stay as they are' })
export class ChangeSubscriptionInput {
  @Field(() => ID)
  subscription: string;

  @Field(() => Effective, { defaultValue: Effective.NOW })
  effective: Effective;

  @Field(() => Date, { nullable: true, description: 'With effective: AT' })
  at?: Date | null;

  @Field(() => Int, { nullable: true })
  seats?: number | null;

  @Field(() => ID, { nullable: true, description: 'Another ACTIVE plan version (upgrade or downgrade)' })
  planVersion?: string | null;

  @Field(() => [PriceOverrideInput], { nullable: true, description: 'Replaces the overrides' })
  overrides?: PriceOverrideInput[] | null;
}
