import { EventMetricValue, GraphQLJSONObject, Money } from '@meterline/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Invoice } from '../invoice.type';
import { Customer } from './customer.type';

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

  @Field(() => Money, {
    nullable: true,
    description:
      'An estimate of what the event costs in its billing period under the customer’s pricing: the marginal cost for SUM and COUNT metrics, an even share of the item for the others; exact, not rounded; null when nothing prices it',
  })
  @Directive('@requires(fields: "timestamp properties customer { id } metricValues { metric value }")')
  estimatedCost: Money | null;

  @Field(() => Invoice, {
    nullable: true,
    description:
      'The invoice that bills it: the period’s invoice, or the correction of that period when the event arrived after the period was issued',
  })
  @Directive('@requires(fields: "timestamp receivedAt customer { id }")')
  invoice: Invoice | null;
}
