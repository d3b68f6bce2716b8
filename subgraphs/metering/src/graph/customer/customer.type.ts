import { DecimalScalar } from '@meterline/kit';
import type { Decimal } from '@meterline/kit';
import { ArgsType, Directive, Field, ID, ObjectType } from 'type-graphql';

/** Customer is owned by subscriptions; metering adds its usage. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: 'A metric aggregated over [from, to)' })
export class Usage {
  @Field()
  metric: string;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => DecimalScalar)
  value: Decimal;
}

@ArgsType()
export class UsageArgs {
  @Field({ description: 'Metric reference' })
  metric: string;

  @Field({ description: 'Start of the window, inclusive' })
  from: Date;

  @Field({ description: 'End of the window, exclusive' })
  to: Date;
}
