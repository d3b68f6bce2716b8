import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refresh request says when the background refresher may take it (`not_before`): at once for a change (a customer, a
 * subscription, a period to open), `INVOICE_REFRESH_DELAY_MS` later for usage, so a customer whose usage keeps arriving
 * is recomputed in the background once per delay (readers and the issuer apply requests themselves, due or not). The
 * refresher reads the queue in `not_before` order through its own index instead of filtering the id order by age.
 */
export class RefreshNotBefore1763700000900 implements MigrationInterface {
  name = 'RefreshNotBefore1763700000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE draft_refresh_requests ADD COLUMN not_before timestamptz`);
    await runner.query(`UPDATE draft_refresh_requests SET not_before = requested_at`);
    await runner.query(`ALTER TABLE draft_refresh_requests ALTER COLUMN not_before SET NOT NULL`);
    await runner.query(`CREATE INDEX draft_refresh_requests_due ON draft_refresh_requests (not_before, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX draft_refresh_requests_due`);
    await runner.query(`ALTER TABLE draft_refresh_requests DROP COLUMN not_before`);
  }
}
