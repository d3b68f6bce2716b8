import type { RequestContext, Transaction } from '@meterline/kit';

type Queryable = Pick<Transaction['manager'], 'query'>;

/** The `invoicing_settings` row of a platform; a value it has not set is null (the deployment's default applies). */
export interface OwnInvoicingSettings {
  paymentTermsDays: number | null;
  gracePeriodSeconds: number | null;
}

async function ownSettings(runner: Queryable, platformId: string): Promise<OwnInvoicingSettings> {
  const [row] = (await runner.query(`SELECT payment_terms_days, grace_period_seconds FROM invoicing_settings WHERE platform_id = $1`, [
    platformId,
  ])) as Array<{ payment_terms_days: number | null; grace_period_seconds: number | null }>;
  return { paymentTermsDays: row?.payment_terms_days ?? null, gracePeriodSeconds: row?.grace_period_seconds ?? null };
}

/** The platform's own payment terms, read in the caller's transaction (issuing) or on the request's connection. */
export async function ownPaymentTermsDays(runner: Queryable, platformId: string): Promise<number | null> {
  return (await ownSettings(runner, platformId)).paymentTermsDays;
}

/** The grace period drafts of the platform get: its own, else the deployment's (INVOICE_GRACE_PERIOD_MS). */
export async function gracePeriodMsOf(runner: Queryable, platformId: string, deploymentMs: number): Promise<number> {
  const own = (await ownSettings(runner, platformId)).gracePeriodSeconds;
  return own === null ? deploymentMs : own * 1000;
}

/** The caller's platform's invoicing settings (tenant-scoped: only ever ctx.platformId). */
export class InvoicingSettingsRepository {
  constructor(private readonly ctx: RequestContext) {}

  own(): Promise<OwnInvoicingSettings> {
    return ownSettings(this.ctx.db.ds, this.ctx.platformId);
  }

  /**
   * Saves the settings given (a field left out keeps its value). A new grace period moves the platform's drafts'
   * issue instants by the difference, in the same transaction (each is its period's end plus the grace period).
   */
  async save(settings: Partial<OwnInvoicingSettings>, deploymentGraceMs: number): Promise<void> {
    await this.ctx.db.transact(async (tx) => {
      const { platformId } = this.ctx;
      await tx.manager.query(
        `INSERT INTO invoicing_settings (platform_id, updated_at) VALUES ($1, $2) ON CONFLICT (platform_id) DO NOTHING`,
        [platformId, this.ctx.clock.now()],
      );
      await tx.manager.query(`SELECT 1 FROM invoicing_settings WHERE platform_id = $1 FOR UPDATE`, [platformId]);
      const before = await gracePeriodMsOf(tx.manager, platformId, deploymentGraceMs);
      await tx.manager.query(
        `UPDATE invoicing_settings SET updated_at = $2,
           payment_terms_days = CASE WHEN $3 THEN $4::integer ELSE payment_terms_days END,
           grace_period_seconds = CASE WHEN $5 THEN $6::integer ELSE grace_period_seconds END
         WHERE platform_id = $1`,
        [
          platformId,
          this.ctx.clock.now(),
          settings.paymentTermsDays !== undefined,
          settings.paymentTermsDays ?? null,
          settings.gracePeriodSeconds !== undefined,
          settings.gracePeriodSeconds ?? null,
        ],
      );
      const after = await gracePeriodMsOf(tx.manager, platformId, deploymentGraceMs);
      if (after !== before)
        await tx.manager.query(
          `UPDATE invoices SET issues_at = issues_at + make_interval(secs => $2::double precision / 1000)
            WHERE platform_id = $1 AND status = 'DRAFT'`,
          [platformId, after - before],
        );
    });
  }
}
