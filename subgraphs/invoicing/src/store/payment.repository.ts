import { isUuid, loadChildren, type RequestContext } from '@meterline/kit';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { PaymentEntity, RefundEntity } from './payment.entity';

/** Payments of invoices and refunds of credit notes: one query per list per request, scoped by platform. */
export class PaymentRepository {
  constructor(private readonly ctx: RequestContext) {}

  paymentsOf(invoiceId: string): Promise<PaymentEntity[]> {
    return this.childrenOf(PaymentEntity, 'paymentsByInvoice', 'payments', 'invoiceId', 'paidAt', invoiceId);
  }

  refundsOf(creditNoteId: string): Promise<RefundEntity[]> {
    return this.childrenOf(RefundEntity, 'refundsByCreditNote', 'refunds', 'creditNoteId', 'refundedAt', creditNoteId);
  }

  /** Rows of `entity` whose `parent` column is one of the ids asked in this request, in the order money moved (`at`). */
  private childrenOf<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    name: string,
    what: string,
    parent: keyof T & string,
    at: keyof T & string,
    parentId: string,
  ): Promise<T[]> {
    return loadChildren(
      this.ctx.loaders,
      name,
      what,
      async (ids, take) => {
        const uuids = ids.filter(isUuid);
        if (uuids.length === 0) return [];
        return this.ctx.db.ds
          .getRepository(entity)
          .createQueryBuilder('c')
          .where(`c.platformId = :platformId AND c.${parent} IN (:...ids)`, { platformId: this.ctx.platformId, ids: uuids })
          .orderBy(`c.${at}`)
          .addOrderBy('c.createdAt')
          .addOrderBy('c.id')
          .take(take)
          .getMany();
      },
      (row) => row[parent] as string,
      parentId,
    );
  }
}
