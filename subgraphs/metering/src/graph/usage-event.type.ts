import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

// Values are strings here and validated per event, so one malformed event is rejected alone instead of failing the batch.
@InputType({ description: 'An amount of money used, e.g. a transaction' })
export class EventAmountInput {
  @Field()
  currency: string;

  @Field({ description: 'Decimal string, e.g. "749.98"' })
  quantity: string;
}

@InputType()
export class EventMeterValueInput {
  @Field()
  reference: string;

  @Field(() => String, { nullable: true, description: 'Decimal string for NUMBER values' })
  number?: string | null;

  @Field(() => EventAmountInput, { nullable: true, description: 'For AMOUNT values' })
  amount?: EventAmountInput | null;
}

@InputType({ description: 'A usage event, the seed shape with GraphQL names' })
export class UsageEventInput {
  @Field()
  meterReference: string;

  @Field()
  customerReference: string;

  @Field({ description: 'Idempotency key, unique per platform and meter' })
  reference: string;

  @Field(() => String, { nullable: true, description: 'RFC 3339 with offset; default: the time it is received' })
  timestamp?: string | null;

  @Field(() => [EventMeterValueInput])
  meterValues: EventMeterValueInput[];

  @Field(() => GraphQLJSONObject, { nullable: true })
  properties?: Record<string, unknown> | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The subscription the usage belongs to (optional); matched once it is known, the customer’s and not a draft',
  })
  subscriptionId?: string | null;
}

export enum IngestStatus {
  ACCEPTED = 'ACCEPTED',
  UNMATCHED = 'UNMATCHED',
  DUPLICATE = 'DUPLICATE',
  CONFLICT = 'CONFLICT',
  REJECTED = 'REJECTED',
}
registerEnumType(IngestStatus, {
  name: 'IngestStatus',
  valuesConfig: {
    ACCEPTED: { description: 'Stored and attributed to its meter and customer' },
    UNMATCHED: { description: 'Stored, but not attributed yet; see reason' },
    DUPLICATE: { description: 'Same reference and same content as a stored event: nothing changed' },
    CONFLICT: { description: 'Same reference, other content: the first event stays' },
    REJECTED: { description: 'Invalid; see field and reason' },
  },
});

@ObjectType()
export class IngestEventResult {
  @Field(() => Int, { description: 'Position in the input list' })
  index: number;

  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field(() => IngestStatus)
  status: IngestStatus;

  @Field(() => String, { nullable: true, description: 'Id of the stored event (the first one for duplicates and conflicts)' })
  eventId: string | null;

  @Field(() => String, { nullable: true, description: 'Why the event was rejected or is unmatched' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The offending field of a rejected event' })
  field: string | null;
}

@ObjectType()
export class IngestResult {
  @Field(() => Int)
  accepted: number;

  @Field(() => Int)
  unmatched: number;

  @Field(() => Int)
  duplicates: number;

  @Field(() => Int)
  conflicts: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => [IngestEventResult], { description: 'One result per input event, in input order' })
  results: IngestEventResult[];
}
