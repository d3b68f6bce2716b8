import { conflict, isUniqueViolation, loadById, type RequestContext, type Transaction } from '@meterline/kit';
import type { NewCustomer } from '../domain/customer';
import { CustomerEntity } from './customer.entity';

export class CustomerRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get repo() {
    return this.ctx.db.ds.getRepository(CustomerEntity);
  }

  /** Batched by id within the caller's platform: one query per request however many customers are resolved. */
  byId(id: string): Promise<CustomerEntity | null> {
    return loadById(this.ctx.loaders, 'customerById', (ids) => this.query().andWhere('c.id::text IN (:...ids)', { ids }).getMany(), id);
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
      if (isUniqueViolation(error)) {
        throw conflict('reference', `A customer with reference "${customer.reference}" already exists`);
      }
      throw error;
    }
  }
}
