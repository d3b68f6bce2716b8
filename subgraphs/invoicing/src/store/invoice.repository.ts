import { loadById, type RequestContext } from '@meterline/kit';
import { InvoiceEntity } from './invoice.entity';

export class InvoiceRepository {
  constructor(private readonly ctx: RequestContext) {}

  query() {
    return this.ctx.db.ds
      .getRepository(InvoiceEntity)
      .createQueryBuilder('i')
      .where('i.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<InvoiceEntity | null> {
    return loadById(this.ctx.loaders, 'invoiceById', (ids) => this.query().andWhere('i.id::text IN (:...ids)', { ids }).getMany(), id);
  }
}
