import { ConnectionType, DecimalScalar, PageArgs, type Decimal } from '@meterline/kit';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { AlertKind as AlertKindName } from '../domain/alert-thresholds';
import { Customer, Subscription } from './refs/customer.type';

export enum AlertKind {
  USAGE = 'USAGE',
  SPEND = 'SPEND',
}
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'USAGE: a metric’s usage in the billing period; SPEND: the total of the period’s draft invoice',
});

@ObjectType({ description: 'Reached when the value watched is at least `value`' })
export class AlertThreshold {
  @Field(() => DecimalScalar, { description: 'Units of the metric (USAGE) or an amount in the draft’s currency (SPEND), exact' })
  value: Decimal;

  @Field(() => String, { nullable: true })
  label: string | null;
}

@ObjectType({
  description: 'Thresholds on a customer’s usage of a metric or on its current draft’s total; each fires at most once per billing period',
})
export class Alert {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => AlertKind)
  kind: AlertKindName;

  @Field(() => Customer)
  customer: Customer;

  @Field(() => Subscription, { nullable: true, description: 'Only this subscription’s periods (none: any of the customer’s)' })
  subscription: Subscription | null;

  @Field(() => String, { nullable: true, description: 'Metric reference (USAGE)' })
  metric: string | null;

  @Field(() => String, { nullable: true, description: 'The customer’s invoice currency (SPEND)' })
  currency: string | null;

  @Field(() => [AlertThreshold], { description: 'Ascending' })
  thresholds: AlertThreshold[];

  @Field({ description: 'Deleted: fires no more; its triggers stay' })
  archived: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'A threshold of an alert reached in a billing period (once per alert, threshold and period)' })
export class AlertTrigger {
  @Field(() => ID)
  id: string;

  @Field(() => Alert)
  alert: Alert;

  @Field(() => Customer)
  customer: Customer;

  @Field(() => Subscription, { nullable: true, description: 'Whose billing period it was' })
  subscription: Subscription | null;

  @Field(() => AlertThreshold)
  threshold: AlertThreshold;

  @Field(() => DecimalScalar, { description: 'The usage or the draft’s total when it fired, exact' })
  value: Decimal;

  @Field()
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field()
  triggeredAt: Date;
}

export const AlertConnection = ConnectionType(Alert, 'Alert');
export const AlertTriggerConnection = ConnectionType(AlertTrigger, 'AlertTrigger');

@ArgsType()
export class AlertListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'A customer’s id or reference' })
  customer?: string | null;
}

@ArgsType()
export class AlertTriggerListArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Only triggers fired at or after this instant' })
  since?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only this customer’s (id or reference)' })
  customer?: string | null;
}

@InputType()
export class AlertThresholdInput {
  @Field(() => DecimalScalar, { description: 'Greater than 0; the list ascending' })
  value: Decimal;

  @Field(() => String, { nullable: true })
  label?: string | null;
}

@InputType()
export class CreateAlertInput {
  @Field(() => ID, { description: 'The customer’s id or reference' })
  customer: string;

  @Field(() => ID, { nullable: true, description: 'One of the customer’s subscriptions (default: any)' })
  subscription?: string | null;

  @Field(() => AlertKind)
  kind: AlertKindName;

  @Field(() => String, { nullable: true, description: 'USAGE: the reference of the metric watched' })
  metric?: string | null;

  @Field(() => String, { nullable: true, description: 'SPEND: must be the customer’s currency (default: it)' })
  currency?: string | null;

  @Field()
  name: string;

  @Field(() => [AlertThresholdInput])
  thresholds: AlertThresholdInput[];
}

@InputType()
export class UpdateAlertInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [AlertThresholdInput], { nullable: true, description: 'Replaces the thresholds' })
  thresholds?: AlertThresholdInput[] | null;
}
