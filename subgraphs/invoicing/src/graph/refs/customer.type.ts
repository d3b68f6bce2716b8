import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Customer is owned by subscriptions; invoicing adds its invoices. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id: string;
}

/** CustomerSubscription is owned by subscriptions; invoicing adds its invoices and the upcoming one. */
@ObjectType('CustomerSubscription')
@Directive('@key(fields: "id")')
export class Subscription {
  @Field(() => ID)
  id: string;
}

/** ProductItem is owned by catalog; invoice lines refer to it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class ProductItem {
  @Field(() => ID)
  id: string;
}

/** Any id: the owner has already checked it against the tenant; invoicing's fields filter by platform themselves. */
export function resolveOwnedElsewhere(reference: { id: string }): { id: string } {
  return { id: reference.id };
}
