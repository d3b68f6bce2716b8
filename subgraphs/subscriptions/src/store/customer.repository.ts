import { isUuid, conflict, isUniqueViolation, loadById, notFound, type RequestContext, type Transaction } from '@meterline/kit';
import type { ValidDetails } from '../domain/customer';
import { CustomerEntity } from './customer.entity';

export class CustomerRepository {
  constructor(private readonly ctx: RequestContext) {}

  query() {
    return this.ctx.db.ds.manager
      .createQueryBuilder(CustomerEntity, 'c')
      .where('c.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  /** Batched by id within the caller's platform: one query per request however many customers are resolved. */
  byId(id: string): Promise<CustomerEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return loadById(this.ctx.loaders, 'customerById', (ids) => this.query().andWhere('c.id IN (:...ids)', { ids }).getMany(), id);
  }

  byReference(reference: string): Promise<CustomerEntity | null> {
    return this.query().andWhere('c.reference = :reference', { reference }).getOne();
  }

  /** By id or reference (DESIGN §3); another platform's customer is NOT_FOUND like a missing one. */
  async get(idOrReference: string, field = 'customer'): Promise<CustomerEntity> {
    const customer = (await this.byId(idOrReference)) ?? (await this.byReference(idOrReference));
    if (!customer) throw notFound('Customer', field);
    return customer;
  }

  /** Name, reference or e-mail containing `text` (case-insensitive); archived customers only when asked. */
  search(text: string | null | undefined, includeArchived: boolean) {
    const query = this.query();
    if (!includeArchived) query.andWhere('c.archivedAt IS NULL');
    if (text?.trim()) {
      const pattern = `%${text
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(lower(c.name) LIKE :pattern OR lower(c.reference) LIKE :pattern OR lower(c.email) LIKE :pattern)', { pattern });
    }
    return query;
  }

  async insert(tx: Transaction, customer: ValidDetails & { reference: string; name: string; currency: string }): Promise<CustomerEntity> {
    const now = this.ctx.clock.now();
    try {
      return await tx.manager.save(
        tx.manager.create(CustomerEntity, {
          metadata: {},
          ...customer,
          platformId: this.ctx.platformId,
          archivedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('reference', `A customer with reference "${customer.reference}" already exists`);
      throw error;
    }
  }

  async update(tx: Transaction, customer: CustomerEntity, changes: ValidDetails & { archivedAt?: Date | null }): Promise<CustomerEntity> {
    Object.assign(customer, changes, { updatedAt: this.ctx.clock.now() });
    return tx.manager.save(customer);
  }
}
