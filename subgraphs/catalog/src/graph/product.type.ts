import { ConnectionType } from '@meterline/kit';
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ChargeType as ChargeTypeName } from '../domain/product';
import { PageArgs } from '@meterline/kit';
import { CatalogStatus } from './status.type';

export enum ChargeType {
  USAGE = 'USAGE',
  RECURRING = 'RECURRING',
  SEAT = 'SEAT',
  ONE_OFF = 'ONE_OFF',
}
registerEnumType(ChargeType, {
  name: 'ChargeType',
  valuesConfig: {
    USAGE: { description: 'Billed on a meter metric' },
    RECURRING: { description: 'A fixed charge every period' },
    SEAT: { description: 'Per seat, every period' },
    ONE_OFF: { description: 'Once' },
  },
});

@ObjectType({ description: 'A component of a product; the level at which invoice lines are made' })
@Directive('@key(fields: "id")')
export class ProductItem {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => ChargeType)
  chargeType: ChargeTypeName;

  @Field(() => String, { nullable: true, description: 'USAGE items: the meter whose metric they bill' })
  meterReference: string | null;

  @Field(() => String, { nullable: true, description: 'USAGE items: the metric they bill' })
  metricReference: string | null;

  @Field({ description: 'A deduction item is shown on the invoice but withheld, not due' })
  deduction: boolean;

  @Field(() => String, { nullable: true, description: 'e.g. "per check", "seats"' })
  unitLabel: string | null;

  @Field(() => Int, { description: 'Catalog order within the product' })
  position: number;

  productId: string;
}

@ObjectType({ description: 'Something the platform sells; priced through plan versions' })
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => CatalogStatus)
  status: CatalogStatus | string;

  @Field(() => Int, { description: 'Catalog order' })
  position: number;

  @Field()
  createdAt: Date;
}

export const ProductConnection = ConnectionType(Product, 'Product');

@ArgsType()
export class ProductListArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Archived products are hidden unless asked for' })
  includeArchived: boolean;
}

@InputType()
export class CreateProductInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class CreateProductItemInput {
  @Field({ description: 'Product id or reference' })
  product: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => ChargeType)
  chargeType: ChargeTypeName;

  @Field(() => String, { nullable: true })
  meterReference?: string | null;

  @Field(() => String, { nullable: true })
  metricReference?: string | null;

  @Field(() => Boolean, { nullable: true })
  deduction?: boolean | null;

  @Field(() => String, { nullable: true })
  unitLabel?: string | null;
}
