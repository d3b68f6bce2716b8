import { ConnectionType, DecimalScalar, EventMetricValue, PageArgs, type Decimal } from '@meterline/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Customer } from './customer/customer.type';
import { Meter } from './meter.type';

export enum EventStatus {
  MATCHED = 'MATCHED',
  UNMATCHED = 'UNMATCHED',
}
registerEnumType(EventStatus, {
  name: 'EventStatus',
  valuesConfig: {
    MATCHED: { description: 'Attributed to its meter and customer; counts in usage' },
    UNMATCHED: { description: 'Stored, waiting; see unmatchedReason' },
  },
});

export enum UnmatchedReason {
  UNKNOWN_METER = 'UNKNOWN_METER',
  INACTIVE_METER = 'INACTIVE_METER',
  UNKNOWN_VALUE = 'UNKNOWN_VALUE',
  VALUE_TYPE_MISMATCH = 'VALUE_TYPE_MISMATCH',
  UNKNOWN_CUSTOMER = 'UNKNOWN_CUSTOMER',
  UNKNOWN_SUBSCRIPTION = 'UNKNOWN_SUBSCRIPTION',
}
registerEnumType(UnmatchedReason, {
  name: 'UnmatchedReason',
  valuesConfig: {
    UNKNOWN_METER: { description: 'No meter has this reference' },
    INACTIVE_METER: { description: 'The meter is not ACTIVE' },
    UNKNOWN_VALUE: { description: 'A value the meter does not define' },
    VALUE_TYPE_MISMATCH: { description: 'A NUMBER given for an AMOUNT value or the other way round, or another currency' },
    UNKNOWN_CUSTOMER: { description: 'No customer has this reference (yet): matched automatically when it is created' },
    UNKNOWN_SUBSCRIPTION: {
      description:
        'The named subscription is unknown (yet), another customer’s or a draft: matched automatically when it is activated or changed',
    },
  },
});

@ObjectType()
export class EventValue {
  @Field()
  reference: string;

  @Field(() => DecimalScalar)
  quantity: Decimal | string;

  @Field(() => String, { nullable: true })
  currency: string | null;
}

@ObjectType({ description: 'A stored usage event with its processing details' })
@Directive('@key(fields: "id")')
export class UsageEvent {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  meterReference: string;

  @Field()
  customerReference: string;

  @Field({ description: 'When the usage happened (UTC)' })
  timestamp: Date;

  @Field({ description: 'When Meterline received it' })
  receivedAt: Date;

  @Field(() => [EventValue])
  values: EventValue[];

  @Field(() => GraphQLJSONObject)
  properties: Record<string, unknown>;

  @Field(() => EventStatus)
  status: EventStatus;

  @Field(() => UnmatchedReason, { nullable: true })
  unmatchedReason: UnmatchedReason | null;

  @Field(() => Meter, { nullable: true, description: 'The meter it was matched to' })
  meter: Meter | null;

  @Field(() => Customer, { nullable: true, description: 'The customer it was attributed to' })
  customer: Customer | null;

  @Field(() => ID, { nullable: true, description: 'The subscription the event names, if any' })
  subscriptionId: string | null;

  @Field(() => [EventMetricValue], { description: 'The metrics of its meter that count it, and by how much; empty while unmatched' })
  metricValues: EventMetricValue[];

  @Field({ description: 'Historical usage from a backfill import: counted in usage, never billed' })
  backfill: boolean;
}

export const UsageEventConnection = ConnectionType(UsageEvent, 'UsageEvent');

@InputType()
export class UsageEventFilter {
  @Field(() => EventStatus, { nullable: true })
  status?: EventStatus | null;

  @Field(() => UnmatchedReason, { nullable: true })
  unmatchedReason?: UnmatchedReason | null;

  @Field(() => String, { nullable: true })
  customerReference?: string | null;

  @Field(() => String, { nullable: true })
  meterReference?: string | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events naming this subscription' })
  subscriptionId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Event timestamp from (inclusive)' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Event timestamp to (exclusive)' })
  to?: Date | null;
}

@ArgsType()
export class UsageEventListArgs extends PageArgs {
  @Field(() => UsageEventFilter, { nullable: true })
  filter?: UsageEventFilter | null;
}

@InputType()
export class ReprocessFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[] | null;

  @Field(() => UnmatchedReason, { nullable: true })
  reason?: UnmatchedReason | null;

  @Field(() => String, { nullable: true })
  customerReference?: string | null;

  @Field(() => String, { nullable: true })
  meterReference?: string | null;
}

@ObjectType()
export class ReprocessResult {
  @Field(() => Int)
  examined: number;

  @Field(() => Int)
  matched: number;

  @Field(() => Int)
  stillUnmatched: number;
}
