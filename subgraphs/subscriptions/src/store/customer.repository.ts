import { conflict, type RequestContext, type Transaction } from '@meterline/kit';
import type { NewCustomer } from '../domain/customer';
import { CustomerEntity } from './customer.entity';

const UNIQUE_VIOLATION = '23505';

export class CustomerRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get repo() {
    return this.ctx.db.ds.getRepository(CustomerEntity);
  }

  /** Batched by id within the caller's platform: one query per request however many customers are resolved. */
  byId(id: string): Promise<CustomerEntity | null> {
    return this.ctx.loaders
      .get<string, CustomerEntity | null>('customerById', async (ids) => {
        const rows = await this.repo
          .createQueryBuilder('c')
          .where('c.platformId = :platformId AND c.id::text IN (:...ids)', { platformId: this.ctx.platformId, ids })
          .getMany();
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      })
      .load(id);
  }

  byReference(reference: string): Promise<CustomerEntity | null> {
    return this.repo.findOneBy({ platformId: this.ctx.platformId, reference });
  }

  query() {
    return this.repo.createQueryBuilder('c').where('c.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  async insert(tx: Transaction, customer: NewCustomer): Promise<CustomerEntity> {
    try {
      const entity = tx.manager.create(CustomerEntity, { ...customer, platformId: this.ctx.platformId, createdAt: this.ctx.clock.now() });
      return await tx.manager.save(entity);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw conflict('reference', `A customer with reference "${customer.reference}" already exists`);
      }
      throw error;
    }
  }
}
