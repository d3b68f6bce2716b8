import { createPlatformClocksTable } from '@meterline/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sandbox clocks (issue 16): how far each advanced sandbox runs ahead of the service clock. Subscriptions owns them. */
export class PlatformClocks1763700000600 implements MigrationInterface {
  name = 'PlatformClocks1763700000600';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformClocksTable(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE platform_clocks`);
  }
}
