import { ConnectionType } from '@meterline/kit';
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Aggregation as AggregationName, MeterStatus as MeterStatusName, MeterValueType as MeterValueTypeName } from '../domain/meter';

export enum MeterStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(MeterStatus, { name: 'MeterStatus' });

export enum MeterValueType {
  NUMBER = 'NUMBER',
  AMOUNT = 'AMOUNT',
}
registerEnumType(MeterValueType, { name: 'MeterValueType' });

export enum Aggregation {
  SUM = 'SUM',
}
registerEnumType(Aggregation, { name: 'Aggregation', description: 'How a metric aggregates a value over a period' });

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

  @Field()
  valueReference: string;
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

  @Field(() => MeterStatus)
  status: MeterStatusName;

  @Field(() => [MeterValue])
  values: MeterValue[];

  @Field(() => [UsageMetric])
  metrics: UsageMetric[];

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
export class UsageMetricInput {
  @Field()
  reference: string;

  @Field(() => Aggregation)
  aggregation: AggregationName;

  @Field()
  valueReference: string;
}

@InputType()
export class CreateMeterInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => [MeterValueInput])
  values: MeterValueInput[];

  @Field(() => [UsageMetricInput])
  metrics: UsageMetricInput[];
}
