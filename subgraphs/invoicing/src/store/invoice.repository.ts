import type { RequestContext } from '@meterline/kit';
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
    return this.ctx.loaders
      .get<string, InvoiceEntity | null>('invoiceById', async (ids) => {
        const rows = await this.query().andWhere('i.id::text IN (:...ids)', { ids }).getMany();
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      })
      .load(id);
  }
}
