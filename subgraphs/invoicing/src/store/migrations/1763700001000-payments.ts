import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Due dates and payments (issue 15): an issued invoice's `due_at` is its payment due date (issue + the platform's
 * payment terms), OVERDUE once past it with something still due; payments against invoices and refunds against credit
 * notes, each idempotent by its reference; the platform's own payment terms (null or no row: INVOICE_PAYMENT_TERMS_DAYS).
 * `amount_due` becomes what is still owed: total − deductions − credited − paid.
 */
export class Payments1763700001000 implements MigrationInterface {
  name = 'Payments1763700001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_status_check`);
    await runner.query(
      `ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'VOID'))`,
    );
    await runner.query(`ALTER TABLE invoices ADD COLUMN amount_paid numeric NOT NULL DEFAULT 0`);
    // Invoices issued before: what credit notes took off is no longer due; one marked paid was paid what was left.
    await runner.query(`UPDATE invoices SET amount_due = amount_due - credited WHERE status IN ('ISSUED', 'PAID') AND credited <> 0`);
    await runner.query(
      `UPDATE invoices SET amount_paid = greatest(amount_due, 0), amount_due = least(amount_due, 0) WHERE status = 'PAID'`,
    );
    await runner.query(`CREATE INDEX invoices_payment_due ON invoices (due_at) WHERE status = 'ISSUED'`);
    await runner.query(`
      CREATE TABLE payments (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        invoice_id   uuid NOT NULL REFERENCES invoices (id),
        amount       numeric NOT NULL CHECK (amount > 0),
        currency     char(3) NOT NULL,
        paid_at      timestamptz NOT NULL,
        method       text NOT NULL,
        reference    text,
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX payments_invoice ON payments (platform_id, invoice_id, created_at)`);
    await runner.query(
      `CREATE UNIQUE INDEX payments_reference ON payments (platform_id, invoice_id, reference) WHERE reference IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE refunds (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id     uuid NOT NULL,
        credit_note_id  uuid NOT NULL REFERENCES credit_notes (id),
        amount          numeric NOT NULL CHECK (amount > 0),
        currency        char(3) NOT NULL,
        refunded_at     timestamptz NOT NULL,
        method          text NOT NULL,
        reference       text,
        created_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX refunds_credit_note ON refunds (platform_id, credit_note_id, created_at)`);
    await runner.query(
      `CREATE UNIQUE INDEX refunds_reference ON refunds (platform_id, credit_note_id, reference) WHERE reference IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE invoicing_settings (
        platform_id         uuid PRIMARY KEY,
        payment_terms_days  integer CHECK (payment_terms_days BETWEEN 0 AND 365),
        updated_at          timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE invoicing_settings`);
    await runner.query(`DROP TABLE refunds`);
    await runner.query(`DROP TABLE payments`);
    await runner.query(`DROP INDEX invoices_payment_due`);
    await runner.query(`UPDATE invoices SET status = 'ISSUED' WHERE status = 'OVERDUE'`);
    await runner.query(`UPDATE invoices SET amount_due = amount_due + amount_paid + credited WHERE status <> 'DRAFT'`);
    await runner.query(`ALTER TABLE invoices DROP COLUMN amount_paid`);
    await runner.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_status_check`);
    await runner.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('DRAFT', 'ISSUED', 'PAID', 'VOID'))`);
  }
}
