import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Customer is owned by subscriptions; invoicing only refers to it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Customer {
  @Field(() => ID)
  id: string;
}
