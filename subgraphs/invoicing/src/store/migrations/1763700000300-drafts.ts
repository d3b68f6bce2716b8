import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Draft invoices kept current, issuing with gapless numbers, corrections and credit notes (issue 6).
 * An invoice's lines live with it (jsonb): a refresh is one UPDATE, listing invoices with lines costs no extra query,
 * and an issued invoice's lines never change.
 */
export class Drafts1763700000300 implements MigrationInterface {
  name = 'Drafts1763700000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE invoices
        ADD COLUMN kind                text NOT NULL DEFAULT 'SUBSCRIPTION' CHECK (kind IN ('SUBSCRIPTION', 'CORRECTION')),
        ADD COLUMN subscription_id     uuid,
        ADD COLUMN subtotal            numeric NOT NULL DEFAULT 0,
        ADD COLUMN tax_rate            numeric,
        ADD COLUMN tax                 numeric NOT NULL DEFAULT 0,
        ADD COLUMN deductions          numeric NOT NULL DEFAULT 0,
        ADD COLUMN amount_due          numeric NOT NULL DEFAULT 0,
        ADD COLUMN credited            numeric NOT NULL DEFAULT 0,
        ADD COLUMN lines               jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN due_at              timestamptz,
        ADD COLUMN refreshed_at        timestamptz,
        ADD COLUMN issued_at           timestamptz,
        ADD COLUMN paid_at             timestamptz,
        ADD COLUMN voided_at           timestamptz,
        ADD COLUMN void_reason         text`);
    // One invoice per subscription per period; at most one open correction per subscription and period.
    await runner.query(
      `CREATE UNIQUE INDEX invoices_subscription_period ON invoices (platform_id, subscription_id, period_start) WHERE kind = 'SUBSCRIPTION'`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX invoices_open_correction ON invoices (platform_id, subscription_id, period_start) WHERE kind = 'CORRECTION' AND status = 'DRAFT'`,
    );
    await runner.query(`CREATE INDEX invoices_customer ON invoices (platform_id, customer_id, period_start)`);
    await runner.query(`CREATE INDEX invoices_due ON invoices (due_at) WHERE status = 'DRAFT'`);
    // Customers whose drafts must be recomputed: many messages about one customer coalesce into one row.
    await runner.query(`
      CREATE TABLE draft_refresh_requests (
        platform_id   uuid NOT NULL,
        customer_id   uuid NOT NULL,
        usage_since   timestamptz,
        requested_at  timestamptz NOT NULL,
        PRIMARY KEY (platform_id, customer_id)
      )`);
    await runner.query(`CREATE INDEX draft_refresh_requests_order ON draft_refresh_requests (requested_at)`);
    // The last number issued per platform and series (invoices, credit notes): incremented in the issuing transaction,
    // so a rollback leaves no gap, and the row lock orders concurrent issuers.
    await runner.query(`
      CREATE TABLE invoice_numbers (
        platform_id  uuid NOT NULL,
        series       text NOT NULL,
        last_number  bigint NOT NULL,
        PRIMARY KEY (platform_id, series)
      )`);
    await runner.query(`
      CREATE TABLE credit_notes (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        invoice_id   uuid NOT NULL REFERENCES invoices (id),
        number       text NOT NULL,
        reason       text NOT NULL,
        currency     char(3) NOT NULL,
        lines        jsonb NOT NULL,
        subtotal     numeric NOT NULL,
        tax          numeric NOT NULL,
        total        numeric NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX credit_notes_platform_number ON credit_notes (platform_id, number)`);
    await runner.query(`CREATE INDEX credit_notes_invoice ON credit_notes (platform_id, invoice_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE credit_notes`);
    await runner.query(`DROP TABLE invoice_numbers`);
    await runner.query(`DROP TABLE draft_refresh_requests`);
    await runner.query(`DROP INDEX invoices_due, invoices_customer, invoices_open_correction, invoices_subscription_period`);
    for (const column of [
      'kind',
      'subscription_id',
      'subtotal',
      'tax_rate',
      'tax',
      'deductions',
      'amount_due',
      'credited',
      'lines',
      'due_at',
      'refreshed_at',
      'issued_at',
      'paid_at',
      'voided_at',
      'void_reason',
    ])
      await runner.query(`ALTER TABLE invoices DROP COLUMN ${column}`);
  }
}
