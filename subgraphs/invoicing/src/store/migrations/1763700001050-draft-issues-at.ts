import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `invoices.due_at` meant two things: for a draft the instant it is to be issued (period end + grace), for an issued
 * invoice its payment due date. Drafts now keep the first in `issues_at` (the billing run's index moves there) and
 * `due_at` is only ever the payment due date: null until issued.
 */
export class DraftIssuesAt1763700001050 implements MigrationInterface {
  name = 'DraftIssuesAt1763700001050';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE invoices ADD COLUMN issues_at timestamptz`);
    await runner.query(`UPDATE invoices SET issues_at = due_at, due_at = NULL WHERE status = 'DRAFT'`);
    await runner.query(`DROP INDEX invoices_due`);
    await runner.query(`CREATE INDEX invoices_issues_at ON invoices (issues_at) WHERE status = 'DRAFT'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE invoices SET due_at = issues_at WHERE status = 'DRAFT'`);
    await runner.query(`DROP INDEX invoices_issues_at`);
    await runner.query(`CREATE INDEX invoices_due ON invoices (due_at) WHERE status = 'DRAFT'`);
    await runner.query(`ALTER TABLE invoices DROP COLUMN issues_at`);
  }
}
