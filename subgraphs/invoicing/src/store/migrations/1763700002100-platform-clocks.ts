import { createPlatformClocksTable } from '@meterline/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sandbox clocks (issue 16): the projection of subscriptions.platform.clock_advanced the billing workers read. */
export class PlatformClocks1763700002100 implements MigrationInterface {
  name = 'PlatformClocks1763700002100';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformClocksTable(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE platform_clocks`);
  }
}
