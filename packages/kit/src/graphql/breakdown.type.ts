import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { Decimal } from '../money';
import { DecimalScalar } from './scalars';

/** One line of a price's breakdown (catalog's previews, invoicing's invoice lines): the same type in every subgraph. */
@ObjectType({ description: 'One line of a price’s breakdown, e.g. one tier' })
@Directive('@shareable')
export class PriceBreakdownLine {
  @Field()
  label: string;

  @Field(() => DecimalScalar, { nullable: true })
  quantity: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  unitPrice: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  flatFee: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  rate: Decimal | null;

  @Field(() => DecimalScalar, { description: 'Exact, before rounding' })
  amount: Decimal;

  @Field(() => Int, { nullable: true })
  tier: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  from: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  to: Decimal | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  dimension: Record<string, string> | null;
}

/** What one usage event puts into a metric of its meter: metering answers it, invoicing requires it for event costs. */
@ObjectType({ description: 'What one event puts into a metric of its meter (1 for COUNT and UNIQUE_COUNT)' })
@Directive('@shareable')
export class EventMetricValue {
  @Field()
  metric: string;

  @Field(() => DecimalScalar)
  value: Decimal;
}
