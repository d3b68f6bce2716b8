import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dimension values must never outgrow a btree key (issue 14: a 10,000-character property value made every upsert of
 * its usage message fail with "index row requires 11544 bytes"). `dimensions_key` of usage_totals (part of its primary
 * key) and usage_items becomes the SHA-256 (hex) of the canonical JSON it held — the same digest the projection now
 * computes — while the values stay whole in the non-indexed `dimensions` column. Existing rows are rehashed in place.
 */
export class HashedDimensionKeys1763700000700 implements MigrationInterface {
  name = 'HashedDimensionKeys1763700000700';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of ['usage_totals', 'usage_items'])
      await runner.query(
        `UPDATE ${table} SET dimensions_key = encode(sha256(convert_to(dimensions_key, 'UTF8')), 'hex') WHERE dimensions_key !~ '^[0-9a-f]{64}$'`,
      );
  }

  async down(runner: QueryRunner): Promise<void> {
    // The canonical JSON is rebuilt from the values kept in `dimensions`, as the projection wrote it (keys sorted, no spaces).
    for (const table of ['usage_totals', 'usage_items'])
      await runner.query(
        `UPDATE ${table} SET dimensions_key = COALESCE((
           SELECT '[' || string_agg('[' || to_json(d.key)::text || ',' || d.value::text || ']', ',' ORDER BY d.key COLLATE "C") || ']'
             FROM jsonb_each(dimensions) AS d), '[]')`,
      );
  }
}
