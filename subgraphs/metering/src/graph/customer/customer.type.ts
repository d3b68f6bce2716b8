import { DecimalScalar } from '@meterline/kit';
import type { Decimal } from '@meterline/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Aggregation } from '../meter.type';
import type { Aggregation as AggregationName } from '../../domain/meter';

/** Customer is owned by subscriptions; metering adds its usage. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id: string;
}

export enum Granularity {
  NONE = 'NONE',
  HOUR = 'HOUR',
  DAY = 'DAY',
  MONTH = 'MONTH',
}
registerEnumType(Granularity, { name: 'Granularity', description: 'Bucket size of a usage series (UTC); NONE = the whole window' });

@ObjectType({ description: 'The metric over one bucket and one combination of grouped property values' })
export class UsageBucket {
  @Field()
  start: Date;

  @Field()
  end: Date;

  @Field(() => GraphQLJSONObject, { description: 'Values of the groupBy properties (null when an event had none)' })
  dimensions: Record<string, string | null>;

  @Field(() => DecimalScalar)
  value: Decimal;
}

@ObjectType({ description: 'A metric aggregated over [from, to), in total and per bucket and dimension' })
export class Usage {
  @Field()
  metric: string;

  @Field(() => Aggregation)
  aggregation: AggregationName;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => DecimalScalar, { description: 'The whole window, all dimensions (a UNIQUE_COUNT total is not the sum of its buckets)' })
  value: Decimal;

  @Field(() => [UsageBucket], { description: 'Empty unless groupBy or a granularity is asked for' })
  buckets: UsageBucket[];
}

@ArgsType()
export class UsageArgs {
  @Field({ description: 'Metric reference' })
  metric: string;

  @Field({ description: 'Start of the window, inclusive' })
  from: Date;

  @Field({ description: 'End of the window, exclusive' })
  to: Date;

  @Field(() => [String], { nullable: true, description: 'Properties to group by' })
  groupBy?: string[] | null;

  @Field(() => Granularity, { defaultValue: Granularity.NONE })
  granularity: Granularity;
}

@ArgsType()
export class CustomerUsageArgs extends UsageArgs {
  @Field({ description: 'Customer id or reference' })
  customer: string;
}
