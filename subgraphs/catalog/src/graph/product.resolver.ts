import { notFound, paginate, PageArgs, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { validateNewProduct } from '../domain/product';
import { ProductRepository } from '../store/product.repository';
import { CreateProductInput, Product, ProductConnection } from './product.type';

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { nullable: true })
  async product(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Product | null> {
    return new ProductRepository(ctx).byId(id);
  }

  @Query(() => ProductConnection)
  async products(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(new ProductRepository(ctx).query(), 'p', page);
  }

  @Mutation(() => Product, { description: 'Creates a product in DRAFT' })
  async createProduct(@Ctx() ctx: RequestContext, @Arg('input') input: CreateProductInput): Promise<Product> {
    return new ProductRepository(ctx).insert(validateNewProduct(input));
  }
}

export async function resolveProductReference(reference: { id: string }, ctx: RequestContext): Promise<Product> {
  const product = await new ProductRepository(ctx).byId(reference.id);
  if (!product) throw notFound('Product');
  return product;
}
