import { conflict, type RequestContext } from '@meterline/kit';
import { ProductEntity } from './product.entity';

const UNIQUE_VIOLATION = '23505';

export class ProductRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get repo() {
    return this.ctx.db.ds.getRepository(ProductEntity);
  }

  query() {
    return this.repo.createQueryBuilder('p').where('p.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<ProductEntity | null> {
    return this.ctx.loaders
      .get<string, ProductEntity | null>('productById', async (ids) => {
        const rows = await this.query().andWhere('p.id::text IN (:...ids)', { ids }).getMany();
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      })
      .load(id);
  }

  async insert(product: { reference: string; name: string }): Promise<ProductEntity> {
    try {
      return await this.repo.save(
        this.repo.create({ ...product, platformId: this.ctx.platformId, status: 'DRAFT', createdAt: this.ctx.clock.now() }),
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw conflict('reference', `A product with reference "${product.reference}" already exists`);
      }
      throw error;
    }
  }
}
