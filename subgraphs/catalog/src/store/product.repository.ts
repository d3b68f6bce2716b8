import { conflict, isUniqueViolation, loadById, type RequestContext } from '@meterline/kit';
import { ProductEntity } from './product.entity';

export class ProductRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get repo() {
    return this.ctx.db.ds.getRepository(ProductEntity);
  }

  query() {
    return this.repo.createQueryBuilder('p').where('p.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<ProductEntity | null> {
    return loadById(this.ctx.loaders, 'productById', (ids) => this.query().andWhere('p.id::text IN (:...ids)', { ids }).getMany(), id);
  }

  async insert(product: { reference: string; name: string }): Promise<ProductEntity> {
    try {
      return await this.repo.save(
        this.repo.create({ ...product, platformId: this.ctx.platformId, status: 'DRAFT', createdAt: this.ctx.clock.now() }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('reference', `A product with reference "${product.reference}" already exists`);
      }
      throw error;
    }
  }
}
