import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** PricingPlanVersion is owned by catalog; subscriptions only refers to it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class PricingPlanVersion {
  @Field(() => ID)
  id: string;
}
