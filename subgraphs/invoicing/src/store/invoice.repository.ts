import { isUuid, loadById, loadChildren, type RequestContext } from '@meterline/kit';
import { CreditNoteEntity, InvoiceEntity } from './invoice.entity';

/** Ids compared as uuid (so the indexes serve); a malformed id simply matches nothing (loadById does this itself). */
const uuidsOf = (ids: readonly string[]) => ids.filter(isUuid);

/** Brings the drafts among loaded invoices up to date; true when it changed something (the rows are read again). */
export type FreshenDrafts = (invoices: ReadonlyArray<InvoiceEntity | null>) => Promise<boolean>;

export class InvoiceRepository {
  constructor(
    private readonly ctx: RequestContext,
    private readonly freshen: FreshenDrafts = async () => false,
  ) {}

  /** `load`'s invoices, read again when some of them were drafts that `freshen` recomputed. */
  private async current<T extends InvoiceEntity | null>(load: () => Promise<T[]>): Promise<T[]> {
    const rows = await load();
    return (await this.freshen(rows)) ? load() : rows;
  }

  query() {
    return this.ctx.db.ds
      .getRepository(InvoiceEntity)
      .createQueryBuilder('i')
      .where('i.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<InvoiceEntity | null> {
    return loadById(
      this.ctx.loaders,
      'invoiceById',
      (ids) => this.current(() => this.query().andWhere('i.id IN (:...ids)', { ids }).getMany()),
      id,
    );
  }

  /** The draft of the period running now (or the last one, once the subscription ended): one query for all asked. */
  upcomingOf(subscriptionId: string): Promise<InvoiceEntity | null> {
    return this.ctx.loaders
      .get<string, InvoiceEntity | null>('upcomingInvoiceBySubscription', async (ids) => {
        if (uuidsOf(ids).length === 0) return ids.map(() => null);
        const drafts = await this.current(() =>
          this.query()
            .andWhere('i.subscriptionId IN (:...ids)', { ids: uuidsOf(ids) })
            .andWhere(`i.status = 'DRAFT' AND i.kind = 'SUBSCRIPTION'`)
            .orderBy('i.periodStart', 'DESC')
            .getMany(),
        );
        return ids.map((id) => drafts.find((d) => d.subscriptionId === id) ?? null);
      })
      .load(subscriptionId);
  }

  /** A subscription's invoices of the period starting at `periodStart` (its own and corrections), in issue order, drafts last. */
  ofPeriod(subscriptionId: string, periodStart: Date): Promise<InvoiceEntity[]> {
    return this.ctx.loaders
      .get<string, InvoiceEntity[]>('invoicesBySubscriptionPeriod', async (keys) => {
        const periods = keys.map((key) => key.split(' '));
        const invoices = await this.current(() =>
          this.query()
            .andWhere('(i.subscription_id, i.period_start) IN (SELECT * FROM unnest(:subscriptions::uuid[], :starts::timestamptz[]))', {
              subscriptions: periods.map(([subscription]) => subscription),
              starts: periods.map(([, start]) => start),
            })
            .orderBy('i.issued_at', 'ASC', 'NULLS LAST')
            .getMany(),
        );
        return periods.map(([subscription, start]) =>
          invoices.filter((i) => i.subscriptionId === subscription && i.periodStart.toISOString() === start),
        );
      })
      .load(`${subscriptionId} ${periodStart.toISOString()}`);
  }

  creditNotesOf(invoiceId: string): Promise<CreditNoteEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'creditNotesByInvoice',
      'credit notes',
      async (ids, take) =>
        uuidsOf(ids).length === 0
          ? []
          : this.ctx.db.ds
              .getRepository(CreditNoteEntity)
              .createQueryBuilder('n')
              .where('n.platformId = :platformId AND n.invoiceId IN (:...ids)', { platformId: this.ctx.platformId, ids: uuidsOf(ids) })
              .orderBy('n.createdAt')
              .take(take)
              .getMany(),
      (row) => row.invoiceId,
      invoiceId,
    );
  }

  creditNoteById(id: string): Promise<CreditNoteEntity | null> {
    return loadById(
      this.ctx.loaders,
      'creditNoteById',
      (ids) =>
        this.ctx.db.ds
          .getRepository(CreditNoteEntity)
          .createQueryBuilder('n')
          .where('n.platformId = :platformId AND n.id IN (:...ids)', { platformId: this.ctx.platformId, ids })
          .getMany(),
      id,
    );
  }
}
