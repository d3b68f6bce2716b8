import { EventMetricValue, GraphQLJSONObject, Money } from '@meterline/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Invoice } from '../invoice.type';
import { Customer, Subscription } from './customer.type';

/** UsageEvent is owned by metering; invoicing adds where it is billed and what it costs, from the fields it requires. */
@ObjectType()
@Directive('@key(fields: "id")')
export class UsageEvent {
  @Field(() => ID)
  id: string;

  @Field()
  @Directive('@external')
  timestamp: Date;

  @Field()
  @Directive('@external')
  receivedAt: Date;

  @Field(() => GraphQLJSONObject)
  @Directive('@external')
  properties: Record<string, unknown>;

  @Field(() => Customer, { nullable: true })
  @Directive('@external')
  customer: Customer | null;

  @Field(() => [EventMetricValue])
  @Directive('@external')
  metricValues: EventMetricValue[];

  @Field(() => ID, { nullable: true })
  @Directive('@external')
  subscriptionId: string | null;

  @Field()
  @Directive('@external')
  backfill: boolean;

  @Field(() => Money, {
    nullable: true,
    description:
      'What the event costs: its share of the rounded invoice line of the stretch it falls in — by value for SUM, COUNT and percentage prices, an even share for MAX, MIN, AVERAGE, LATEST and UNIQUE_COUNT — allocated by largest remainder, so the costs of a stretch’s events add up to its line; null when nothing bills it',
  })
  @Directive('@requires(fields: "timestamp properties customer { id } subscriptionId metricValues { metric value } backfill")')
  estimatedCost: Money | null;

  @Field(() => Invoice, {
    nullable: true,
    description:
      'The invoice that bills it: the period’s invoice, or the correction of that period when the event arrived after the period was issued',
  })
  @Directive('@requires(fields: "timestamp receivedAt customer { id } subscriptionId metricValues { metric value } backfill")')
  invoice: Invoice | null;

  @Field(() => Subscription, {
    nullable: true,
    description:
      'The subscription that bills it: the one it names, else the customer’s subscription pricing its metric at its timestamp; null when none does',
  })
  @Directive('@requires(fields: "timestamp customer { id } subscriptionId metricValues { metric value }")')
  billingSubscription: Subscription | null;
}
