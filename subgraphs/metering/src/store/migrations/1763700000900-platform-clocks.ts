import { createPlatformClocksTable } from '@meterline/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sandbox clocks (issue 16): an event without a timestamp is stamped with its sandbox's time. */
export class PlatformClocks1763700000900 implements MigrationInterface {
  name = 'PlatformClocks1763700000900';

  async up(runner: QueryRunner): Promise<void> {
    await createPlatformClocksTable(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE platform_clocks`);
  }
}
