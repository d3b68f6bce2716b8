import { ConnectionType } from '@meterline/kit';
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ProductStatus as ProductStatusName } from '../store/product.entity';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  DEPRECATED = 'DEPRECATED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ProductStatus, { name: 'ProductStatus' });

@ObjectType({ description: 'Something the platform sells; priced through plan versions' })
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => ProductStatus)
  status: ProductStatusName;

  @Field()
  createdAt: Date;
}

export const ProductConnection = ConnectionType(Product, 'Product');

@InputType()
export class CreateProductInput {
  @Field()
  reference: string;

  @Field()
  name: string;
}
