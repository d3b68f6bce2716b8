import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pricing simulations (issue 16, point 4): a run prices stored usage of a scope of customers over periods A..B with
 * another plan version, touching no invoice. The run row is the job (status, progress, the cursor of the next chunk
 * of customers); each (subscription, period) compared is one row with its lines side by side, in `position` order
 * (customer id, then period) so the API and the CSV page through one index range.
 */
export class PricingSimulations1763700001800 implements MigrationInterface {
  name = 'PricingSimulations1763700001800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE pricing_simulations (
        id               uuid PRIMARY KEY,
        platform_id      uuid NOT NULL,
        status           text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
        scope            text NOT NULL CHECK (scope IN ('CUSTOMER', 'PLAN', 'ALL')),
        customer_id      uuid,
        plan_id          uuid,
        plan_version_id  uuid NOT NULL,
        from_at          timestamptz NOT NULL,
        to_at            timestamptz NOT NULL,
        customers_total  integer,
        customers_done   integer NOT NULL DEFAULT 0,
        next_customer    uuid,
        periods          integer NOT NULL DEFAULT 0,
        error            text,
        idempotency_key  text,
        created_at       timestamptz NOT NULL,
        started_at       timestamptz,
        finished_at      timestamptz,
        UNIQUE (platform_id, idempotency_key)
      )`);
    await runner.query(
      `CREATE INDEX pricing_simulations_waiting ON pricing_simulations (created_at) WHERE status IN ('PENDING', 'RUNNING')`,
    );
    await runner.query(`
      CREATE TABLE pricing_simulation_periods (
        platform_id        uuid NOT NULL,
        simulation_id      uuid NOT NULL REFERENCES pricing_simulations (id) ON DELETE CASCADE,
        position           integer NOT NULL,
        customer_id        uuid NOT NULL,
        subscription_id    uuid NOT NULL,
        invoice_id         uuid NOT NULL,
        invoice_status     text NOT NULL,
        currency           char(3) NOT NULL,
        period_start       timestamptz NOT NULL,
        period_end         timestamptz NOT NULL,
        current_subtotal   numeric NOT NULL,
        current_total      numeric NOT NULL,
        simulated_subtotal numeric NOT NULL,
        simulated_total    numeric NOT NULL,
        lines              jsonb NOT NULL,
        PRIMARY KEY (simulation_id, position)
      )`);
    await runner.query(
      `CREATE INDEX pricing_simulation_periods_customer ON pricing_simulation_periods (simulation_id, customer_id, position)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE pricing_simulation_periods`);
    await runner.query(`DROP TABLE pricing_simulations`);
  }
}
