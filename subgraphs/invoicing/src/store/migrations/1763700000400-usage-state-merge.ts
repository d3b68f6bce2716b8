import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `usage_state_merge(a, b)`: @meterline/usage's mergeStates on the JSON form of two states, so a delta merges into its
 * total in one `INSERT … ON CONFLICT DO UPDATE` (atomic per row: no read-merge-write round trip, no lock of our own).
 * count and sum add; max and min keep the extreme; latest keeps the later (at, then id); distinct is the sorted union.
 * Parts absent from both stay absent (a SUM metric's total carries count and sum only).
 */
export class UsageStateMerge1763700000400 implements MigrationInterface {
  name = 'UsageStateMerge1763700000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION usage_state_merge(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_strip_nulls(jsonb_build_object(
          'count', (a->>'count')::bigint + (b->>'count')::bigint,
          'sum', ((a->>'sum')::numeric + (b->>'sum')::numeric)::text,
          'max', CASE WHEN a ? 'max' AND b ? 'max' THEN greatest((a->>'max')::numeric, (b->>'max')::numeric)::text
                      ELSE coalesce(a->>'max', b->>'max') END,
          'min', CASE WHEN a ? 'min' AND b ? 'min' THEN least((a->>'min')::numeric, (b->>'min')::numeric)::text
                      ELSE coalesce(a->>'min', b->>'min') END,
          'latest', CASE WHEN a->'latest' IS NULL THEN b->'latest'
                         WHEN b->'latest' IS NULL THEN a->'latest'
                         WHEN (b->'latest'->>'at') COLLATE "C" > (a->'latest'->>'at') COLLATE "C"
                           OR ((b->'latest'->>'at') = (a->'latest'->>'at') AND (b->'latest'->>'id') COLLATE "C" > (a->'latest'->>'id') COLLATE "C")
                         THEN b->'latest' ELSE a->'latest' END,
          'distinct', CASE WHEN a ? 'distinct' OR b ? 'distinct' THEN
                        (SELECT jsonb_agg(v ORDER BY v COLLATE "C")
                           FROM (SELECT DISTINCT jsonb_array_elements_text(coalesce(a->'distinct', '[]') || coalesce(b->'distinct', '[]')) AS v) d)
                      END))
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION usage_state_merge(jsonb, jsonb)`);
  }
}
