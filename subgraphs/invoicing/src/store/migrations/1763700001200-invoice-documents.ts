import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoice documents (issue 15): the customers projection keeps what a document's buyer block shows (name, e-mail,
 * billing address, tax id; null for customers last projected before, until their next update), and an issued invoice
 * keeps the buyer block it was issued with (`buyer`, set at issue; null on drafts, which show the customer as it is,
 * and on invoices issued before, which fall back to the customer as it is now).
 */
export class InvoiceDocuments1763700001200 implements MigrationInterface {
  name = 'InvoiceDocuments1763700001200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE customers ADD COLUMN name text, ADD COLUMN email text, ADD COLUMN billing_address jsonb, ADD COLUMN tax_id text`,
    );
    await runner.query(`ALTER TABLE invoices ADD COLUMN buyer jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE invoices DROP COLUMN buyer`);
    await runner.query(`ALTER TABLE customers DROP COLUMN name, DROP COLUMN email, DROP COLUMN billing_address, DROP COLUMN tax_id`);
  }
}
