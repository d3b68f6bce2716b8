import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh requests become an append-only queue: the usage consumer inserts a row per customer and never waits for a
 * refresher holding that customer's request (one row per customer made every usage message wait for the refresh round
 * in progress). A refresher deletes every committed row of the customers it recomputes; several rows of one customer
 * mean one refresh, from the earliest usage instant among them.
 * Drafts are rewritten many times a second under load: invoices leave room in their pages (fillfactor) so a rewrite
 * that changes no indexed column is a heap-only update (no index entries written).
 */
export class RefreshQueue1763700000650 implements MigrationInterface {
  name = 'RefreshQueue1763700000650';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE draft_refresh_requests DROP CONSTRAINT draft_refresh_requests_pkey`);
    await runner.query(`DROP INDEX draft_refresh_requests_order`);
    await runner.query(`ALTER TABLE draft_refresh_requests ADD COLUMN id bigserial PRIMARY KEY`);
    await runner.query(`CREATE INDEX draft_refresh_requests_customer ON draft_refresh_requests (platform_id, customer_id)`);
    await runner.query(`ALTER TABLE invoices SET (fillfactor = 70)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE invoices RESET (fillfactor)`);
    // Back to one row per customer, keeping the earliest usage instant asked for.
    await runner.query(
      `CREATE TABLE draft_refresh_requests_one AS
         SELECT platform_id, customer_id, min(usage_since) AS usage_since, min(requested_at) AS requested_at
           FROM draft_refresh_requests GROUP BY platform_id, customer_id`,
    );
    await runner.query(`DROP TABLE draft_refresh_requests`);
    await runner.query(`ALTER TABLE draft_refresh_requests_one RENAME TO draft_refresh_requests`);
    await runner.query(`ALTER TABLE draft_refresh_requests ALTER COLUMN requested_at SET NOT NULL`);
    await runner.query(`ALTER TABLE draft_refresh_requests ADD PRIMARY KEY (platform_id, customer_id)`);
    await runner.query(`CREATE INDEX draft_refresh_requests_order ON draft_refresh_requests (requested_at)`);
  }
}
