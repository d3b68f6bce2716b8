import { applyLifecycle, invalidTransition, notFound, paginate, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { checkProductTakesNewItems, positionsFromOrder, validateNewProduct, validateNewProductItem } from '../domain/product';
import { emitProductChanged, emitProductItemChanged } from '../events/catalog.events';
import { ProductEntity, ProductItemEntity } from '../store/product.entity';
import { ProductRepository } from '../store/product.repository';
import { CreateProductInput, CreateProductItemInput, Product, ProductConnection, ProductItem, ProductListArgs } from './product.type';
import { StatusAction } from './status.type';

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { nullable: true, description: 'A product by id or reference' })
  async product(@Ctx() ctx: RequestContext, @Arg('product') product: string): Promise<Product | null> {
    return new ProductRepository(ctx).get(product).catch(() => null);
  }

  @Query(() => ProductConnection, { description: 'Products in catalog order of creation; archived ones only when asked' })
  async products(@Ctx() ctx: RequestContext, @Args() args: ProductListArgs) {
    return paginate(new ProductRepository(ctx).query(args.includeArchived), 'p', args);
  }

  @FieldResolver(() => [ProductItem], { description: 'In catalog order' })
  items(@Root() product: ProductEntity, @Ctx() ctx: RequestContext): Promise<ProductItem[]> {
    return new ProductRepository(ctx).itemsOf(product.id);
  }

  @Mutation(() => Product, { description: 'Creates a product in DRAFT, last in catalog order' })
  async createProduct(@Ctx() ctx: RequestContext, @Arg('input') input: CreateProductInput): Promise<Product> {
    const product = validateNewProduct(input);
    return ctx.db.transact(async (tx) => {
      const created = await new ProductRepository(ctx).insert(tx, product);
      await emitProductChanged(tx, created);
      return created;
    });
  }

  @Mutation(() => Product, { description: 'Moves a product through DRAFT → ACTIVE → DEPRECATED → ARCHIVED (and RESTORE)' })
  async changeProductStatus(
    @Ctx() ctx: RequestContext,
    @Arg('product', { description: 'Id or reference' }) id: string,
    @Arg('action', () => StatusAction) action: StatusAction,
  ): Promise<Product> {
    const products = new ProductRepository(ctx);
    const product = await products.get(id);
    const next = applyLifecycle('Product', product, action);
    return ctx.db.transact(async (tx) => {
      const saved = await products.setLifecycle(tx, product, next);
      await emitProductChanged(tx, saved);
      return saved;
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes a DRAFT product that no plan version prices' })
  async deleteProduct(@Ctx() ctx: RequestContext, @Arg('product') id: string): Promise<boolean> {
    const products = new ProductRepository(ctx);
    const product = await products.get(id);
    if (product.status !== 'DRAFT') throw invalidTransition('Product', product.status, 'DELETED');
    await ctx.db.transact((tx) => products.deleteDraft(tx, product));
    return true;
  }

  @Mutation(() => [Product], { description: 'Sets the catalog order of all (non-archived and archived) products' })
  async reorderProducts(@Ctx() ctx: RequestContext, @Arg('products', () => [String]) ordered: string[]): Promise<Product[]> {
    const products = new ProductRepository(ctx);
    const all = await products.query(true).getMany();
    const ids = (await products.getMany(ordered, () => 'products')).map((x) => x.id);
    const positions = positionsFromOrder(
      all.map((p) => p.id),
      ids,
      'products',
    );
    return ctx.db.transact(async (tx) => {
      await products.setPositions(tx, ProductEntity, positions);
      const reordered = all.map((p) => Object.assign(p, { position: positions.get(p.id)! })).sort((a, b) => a.position - b.position);
      for (const product of reordered) await emitProductChanged(tx, product);
      return reordered;
    });
  }
}

@Resolver(() => ProductItem)
export class ProductItemResolver {
  @Query(() => ProductItem, { nullable: true, description: 'A product item by id or reference' })
  async productItem(@Ctx() ctx: RequestContext, @Arg('productItem') id: string): Promise<ProductItem | null> {
    return new ProductRepository(ctx).getItem(id).catch(() => null);
  }

  @FieldResolver(() => Product)
  async product(@Root() item: ProductItemEntity, @Ctx() ctx: RequestContext): Promise<Product> {
    return (await new ProductRepository(ctx).byId(item.productId))!;
  }

  @Mutation(() => ProductItem, { description: 'Adds an item to a product (not to a deprecated or archived one)' })
  async createProductItem(@Ctx() ctx: RequestContext, @Arg('input') input: CreateProductItemInput): Promise<ProductItem> {
    const products = new ProductRepository(ctx);
    const product = await products.get(input.product);
    checkProductTakesNewItems(product.status);
    const item = validateNewProductItem(input);
    return ctx.db.transact(async (tx) => {
      const created = await products.insertItem(tx, product, item);
      await emitProductItemChanged(tx, created);
      return created;
    });
  }

  @Mutation(() => [ProductItem], { description: 'Sets the catalog order of a product’s items (allowed on active products too)' })
  async reorderProductItems(
    @Ctx() ctx: RequestContext,
    @Arg('product') productId: string,
    @Arg('items', () => [String]) ordered: string[],
  ): Promise<ProductItem[]> {
    const products = new ProductRepository(ctx);
    const product = await products.get(productId);
    const items = await products.itemsOf(product.id);
    const ids = (await products.getItems(ordered, () => 'items')).map((x) => x.id);
    const positions = positionsFromOrder(
      items.map((i) => i.id),
      ids,
      'items',
    );
    return ctx.db.transact(async (tx) => {
      await products.setPositions(tx, ProductItemEntity, positions);
      const reordered = items.map((i) => Object.assign(i, { position: positions.get(i.id)! })).sort((a, b) => a.position - b.position);
      for (const item of reordered) await emitProductItemChanged(tx, item);
      return reordered;
    });
  }
}

export async function resolveProductReference(reference: { id: string }, ctx: RequestContext): Promise<Product> {
  const product = await new ProductRepository(ctx).byId(reference.id);
  if (!product) throw notFound('Product');
  return product;
}

export async function resolveProductItemReference(reference: { id: string }, ctx: RequestContext): Promise<ProductItem> {
  const item = await new ProductRepository(ctx).itemById(reference.id);
  if (!item) throw notFound('Product item');
  return item;
}
