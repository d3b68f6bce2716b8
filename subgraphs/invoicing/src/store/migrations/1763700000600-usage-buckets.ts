import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `usage_state_agg(state)`: usage_state_merge as an aggregate, to rebuild an hour's totals from its items when a new
 * window boundary splits it (a subscription, phase or period starting or ending inside the hour).
 */
export class UsageBuckets1763700000600 implements MigrationInterface {
  name = 'UsageBuckets1763700000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE AGGREGATE usage_state_agg(jsonb) (SFUNC = usage_state_merge, STYPE = jsonb, INITCOND = '{"count": 0, "sum": "0"}')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP AGGREGATE usage_state_agg(jsonb)`);
  }
}
