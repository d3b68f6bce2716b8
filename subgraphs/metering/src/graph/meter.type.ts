import { ConnectionType, LifecycleStatusType, PageArgs } from '@meterline/kit';
import { ArgsType, Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Aggregation as AggregationName, MeterStatus as MeterStatusName, MeterValueType as MeterValueTypeName } from '../domain/meter';

export enum MeterValueType {
  NUMBER = 'NUMBER',
  AMOUNT = 'AMOUNT',
}
registerEnumType(MeterValueType, { name: 'MeterValueType' });

export enum Aggregation {
  SUM = 'SUM',
  COUNT = 'COUNT',
  MAX = 'MAX',
  MIN = 'MIN',
  AVERAGE = 'AVERAGE',
  UNIQUE_COUNT = 'UNIQUE_COUNT',
  LATEST = 'LATEST',
}
registerEnumType(Aggregation, {
  name: 'Aggregation',
  description: 'How a metric aggregates a value over a period',
  valuesConfig: {
    SUM: { description: 'Sum of the value' },
    COUNT: { description: 'Number of events' },
    MAX: { description: 'Largest value' },
    MIN: { description: 'Smallest value' },
    AVERAGE: { description: 'Mean of the value' },
    UNIQUE_COUNT: { description: 'Number of distinct values of a property' },
    LATEST: { description: 'Value of the event with the latest timestamp' },
  },
});

@ObjectType({ description: 'Only events whose property has one of these values count' })
export class MetricFilter {
  @Field()
  property: string;

  @Field(() => [String])
  values: string[];
}

@ObjectType({ description: 'A value an event of this meter carries: how much was used' })
export class MeterValue {
  @Field()
  reference: string;

  @Field(() => MeterValueType)
  type: MeterValueTypeName;

  @Field(() => String, { nullable: true, description: 'Currency of an AMOUNT value' })
  currency: string | null;
}

@ObjectType({ description: 'A usage metric: one value of a meter aggregated over a period' })
export class UsageMetric {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique per platform; what pricing and `Customer.usage` refer to' })
  reference: string;

  @Field(() => Aggregation)
  aggregation: AggregationName;

  @Field(() => String, { nullable: true, description: 'The value aggregated (not for COUNT and UNIQUE_COUNT)' })
  valueReference: string | null;

  @Field(() => String, { nullable: true, description: 'UNIQUE_COUNT: the property whose distinct values are counted' })
  property: string | null;

  @Field(() => [MetricFilter])
  filters: MetricFilter[];
}

@ObjectType({ description: 'Turns raw usage events into billable metrics' })
@Directive('@key(fields: "id")')
export class Meter {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => LifecycleStatusType)
  status: MeterStatusName;

  @Field(() => [MeterValue])
  values: MeterValue[];

  @Field(() => [String], { description: 'Event properties this meter knows: for filters, group-by, unique counts and price dimensions' })
  properties: string[];

  @Field()
  createdAt: Date;
}

export const MeterConnection = ConnectionType(Meter, 'Meter');

@InputType()
export class MeterValueInput {
  @Field()
  reference: string;

  @Field(() => MeterValueType)
  type: MeterValueTypeName;

  @Field(() => String, { nullable: true })
  currency?: string | null;
}

@InputType()
export class MetricFilterInput {
  @Field()
  property: string;

  @Field(() => [String])
  values: string[];
}

@InputType()
export class UsageMetricInput {
  @Field()
  reference: string;

  @Field(() => Aggregation)
  aggregation: AggregationName;

  @Field(() => String, { nullable: true })
  valueReference?: string | null;

  @Field(() => String, { nullable: true })
  property?: string | null;

  @Field(() => [MetricFilterInput], { nullable: true })
  filters?: MetricFilterInput[] | null;
}

@InputType()
export class CreateMeterInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => [MeterValueInput])
  values: MeterValueInput[];

  @Field(() => [String], { nullable: true })
  properties?: string[] | null;

  @Field(() => [UsageMetricInput])
  metrics: UsageMetricInput[];
}

@ArgsType()
export class MeterListArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Archived meters are hidden unless asked for' })
  includeArchived: boolean;
}
