import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Access1763700000000 implements MigrationInterface {
  name = 'Access1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platforms (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE api_keys (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id   uuid NOT NULL REFERENCES platforms (id),
        name          text NOT NULL,
        prefix        text NOT NULL,
        key_hash      text NOT NULL UNIQUE,
        role          text NOT NULL CHECK (role IN ('admin', 'ingest', 'read', 'partner')),
        created_at    timestamptz NOT NULL,
        revoked_at    timestamptz,
        last_used_at  timestamptz
      )`);
    await runner.query(`CREATE INDEX api_keys_platform ON api_keys (platform_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE api_keys`);
    await runner.query(`DROP TABLE platforms`);
  }
}

/** Sandbox platforms (their business clock can be advanced; see README "Sandbox platforms"). */
export class SandboxPlatforms1763700000100 implements MigrationInterface {
  name = 'SandboxPlatforms1763700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE platforms ADD COLUMN sandbox boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE platforms DROP COLUMN sandbox`);
  }
}
