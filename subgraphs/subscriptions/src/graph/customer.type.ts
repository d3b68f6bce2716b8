import { ConnectionType, DecimalScalar, PageArgs, type Decimal } from '@meterline/kit';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType()
export class BillingAddress {
  @Field(() => String, { nullable: true })
  line1: string | null;

  @Field(() => String, { nullable: true })
  line2: string | null;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  state: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' })
  country: string | null;
}

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

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' })
  country: string | null;

  @Field(() => BillingAddress, { nullable: true })
  billingAddress: BillingAddress | null;

  @Field(() => String, { nullable: true })
  taxId: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Percentage applied to invoices, e.g. "21"' })
  taxRate: Decimal | null;

  @Field(() => GraphQLJSONObject)
  metadata: Record<string, string>;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @Field()
  createdAt: Date;
}

export const CustomerConnection = ConnectionType(Customer, 'Customer');

@ArgsType()
export class CustomerListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name, reference or e-mail (case-insensitive)' })
  search?: string | null;

  @Field({ defaultValue: false, description: 'Archived customers are hidden unless asked for' })
  includeArchived: boolean;
}

@InputType()
export class BillingAddressInput {
  @Field(() => String, { nullable: true })
  line1?: string | null;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  state?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;
}

/** The optional details of a customer, shared by creation and update. */
@InputType()
export class CustomerExtraInput {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => BillingAddressInput, { nullable: true })
  billingAddress?: BillingAddressInput | null;

  @Field(() => String, { nullable: true })
  taxId?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  taxRate?: Decimal | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'String values only' })
  metadata?: Record<string, unknown> | null;
}

@InputType({ description: 'Details that can change; absent fields are left as they are, null clears them' })
export class CustomerDetailsInput extends CustomerExtraInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType()
export class CreateCustomerInput extends CustomerExtraInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field({ description: 'Fixed once created' })
  currency: string;
}
