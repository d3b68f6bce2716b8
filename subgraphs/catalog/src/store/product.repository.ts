import {
  isUuid,
  conflict,
  isUniqueViolation,
  loadById,
  loadChildren,
  notFound,
  type LifecycleState,
  type RequestContext,
  type Transaction,
} from '@meterline/kit';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { NewProduct, ValidProductItem } from '../domain/product';
import { ProductEntity, ProductItemEntity } from './product.entity';

export class ProductRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get manager(): EntityManager {
    return this.ctx.db.ds.manager;
  }

  query(includeArchived = false) {
    const query = this.manager
      .createQueryBuilder(ProductEntity, 'p')
      .where('p.platformId = :platformId', { platformId: this.ctx.platformId });
    return includeArchived ? query : query.andWhere(`p.status <> 'ARCHIVED'`);
  }

  byId(id: string): Promise<ProductEntity | null> {
    return loadById(this.ctx.loaders, 'productById', (ids) => this.query(true).andWhere('p.id IN (:...ids)', { ids }).getMany(), id);
  }

  /** By id or reference; NOT_FOUND (naming `field`) otherwise, also for another platform's product. */
  async get(idOrReference: string, field = 'product'): Promise<ProductEntity> {
    const product = isUuid(idOrReference)
      ? await this.byId(idOrReference)
      : await this.query(true).andWhere('p.reference = :reference', { reference: idOrReference }).getOne();
    if (!product) throw notFound('Product', field);
    return product;
  }

  /** `get` for many at once, in one query (a 10,000-item list is one statement, not 10,000), in the order given. */
  async getMany(idsOrReferences: string[], fieldOf: (index: number) => string): Promise<ProductEntity[]> {
    const found = await byIdsOrReferences(this.query(true), 'p', idsOrReferences);
    return inOrderGiven(found, idsOrReferences, 'Product', fieldOf);
  }

  async insert(tx: Transaction, product: Required<NewProduct>): Promise<ProductEntity> {
    const now = this.ctx.clock.now();
    const [{ next }] = await tx.manager.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM products WHERE platform_id = $1`, [
      this.ctx.platformId,
    ]);
    try {
      return await tx.manager.save(
        tx.manager.create(ProductEntity, {
          ...product,
          platformId: this.ctx.platformId,
          status: 'DRAFT',
          position: next,
          createdAt: now,
          updatedAt: now,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('reference', `A product with reference "${product.reference}" already exists`);
      throw error;
    }
  }

  async setLifecycle(tx: Transaction, product: ProductEntity, state: LifecycleState): Promise<ProductEntity> {
    Object.assign(product, state, { updatedAt: this.ctx.clock.now() });
    return tx.manager.save(product);
  }

  async setPositions(
    tx: Transaction,
    entity: typeof ProductEntity | typeof ProductItemEntity,
    positions: Map<string, number>,
  ): Promise<void> {
    for (const [id, position] of positions) {
      await tx.manager.update(entity, { id, platformId: this.ctx.platformId }, { position, updatedAt: this.ctx.clock.now() });
    }
  }

  /** Only drafts are deleted, and only when no plan version prices one of their items. */
  async deleteDraft(tx: Transaction, product: ProductEntity): Promise<void> {
    const [{ used }] = await tx.manager.query(
      `SELECT count(*)::int AS used FROM prices pr JOIN product_items i ON i.id = pr.product_item_id WHERE i.product_id = $1`,
      [product.id],
    );
    if (used > 0) throw conflict('product', 'This product is priced in a plan version; archive it instead');
    await tx.manager.delete(ProductItemEntity, { productId: product.id, platformId: this.ctx.platformId });
    await tx.manager.delete(ProductEntity, { id: product.id, platformId: this.ctx.platformId });
  }

  // ---- product items

  itemQuery() {
    return this.manager.createQueryBuilder(ProductItemEntity, 'i').where('i.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  itemById(id: string): Promise<ProductItemEntity | null> {
    return loadById(this.ctx.loaders, 'productItemById', (ids) => this.itemQuery().andWhere('i.id IN (:...ids)', { ids }).getMany(), id);
  }

  async getItem(idOrReference: string, field = 'productItem'): Promise<ProductItemEntity> {
    const item = isUuid(idOrReference)
      ? await this.itemById(idOrReference)
      : await this.itemQuery().andWhere('i.reference = :reference', { reference: idOrReference }).getOne();
    if (!item) throw notFound('Product item', field);
    return item;
  }

  /** `getItem` for many at once, in one query, in the order given. */
  async getItems(idsOrReferences: string[], fieldOf: (index: number) => string): Promise<ProductItemEntity[]> {
    const found = await byIdsOrReferences(this.itemQuery(), 'i', idsOrReferences);
    return inOrderGiven(found, idsOrReferences, 'Product item', fieldOf);
  }

  /** The items of a product in catalog order, batched across products. */
  itemsOf(productId: string): Promise<ProductItemEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'itemsByProduct',
      'product items',
      (productIds, take) =>
        this.itemQuery()
          .andWhere('i.productId IN (:...productIds)', { productIds })
          .orderBy('i.position', 'ASC')
          .addOrderBy('i.createdAt', 'ASC')
          .take(take)
          .getMany(),
      (row) => row.productId,
      productId,
    );
  }

  async insertItem(tx: Transaction, product: ProductEntity, item: ValidProductItem): Promise<ProductItemEntity> {
    const now = this.ctx.clock.now();
    const [{ next }] = await tx.manager.query(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM product_items WHERE product_id = $1`,
      [product.id],
    );
    try {
      return await tx.manager.save(
        tx.manager.create(ProductItemEntity, {
          ...item,
          platformId: this.ctx.platformId,
          productId: product.id,
          position: next,
          createdAt: now,
          updatedAt: now,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('reference', `A product item with reference "${item.reference}" already exists`);
      throw error;
    }
  }
}

function byIdsOrReferences<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, keys: string[]): Promise<T[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return query
    .andWhere(`(${alias}.id = ANY(CAST(:ids AS uuid[])) OR ${alias}.reference = ANY(CAST(:references AS text[])))`, {
      ids: [...new Set(keys.filter(isUuid))],
      references: [...new Set(keys.filter((k) => !isUuid(k)))],
    })
    .getMany();
}

function inOrderGiven<T extends { id: string; reference: string }>(
  found: T[],
  keys: string[],
  what: string,
  fieldOf: (index: number) => string,
): T[] {
  const byId = new Map(found.map((row) => [row.id, row]));
  const byReference = new Map(found.map((row) => [row.reference, row]));
  return keys.map((key, index) => {
    const row = isUuid(key) ? byId.get(key) : byReference.get(key);
    if (!row) throw notFound(what, fieldOf(index));
    return row;
  });
}
