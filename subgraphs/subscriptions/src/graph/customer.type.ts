import { ConnectionType } from '@meterline/kit';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A customer of the platform: the party that is billed' })
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id: string;

  @Field({ description: 'External reference, unique per platform (your system’s id for the customer)' })
  reference: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 4217 currency the customer is billed in' })
  currency: string;

  @Field()
  createdAt: Date;
}

export const CustomerConnection = ConnectionType(Customer, 'Customer');

@InputType()
export class CreateCustomerInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field()
  currency: string;
}
