import type { QueryRunner } from 'typeorm';
import type { EventOf } from '../bus/envelope';
import type { PlatformClock } from '../platform-clock';
import type { ServiceDb, Transaction } from './transaction';

/**
 * The `platform_clocks` table each service that acts on business time keeps in its own schema: one row per sandbox
 * whose clock was advanced. Created by each service's own migration (their numbers differ) through this function.
 */
export async function createPlatformClocksTable(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE platform_clocks (
      platform_id  uuid PRIMARY KEY,
      offset_ms    bigint NOT NULL CHECK (offset_ms >= 0),
      updated_at   timestamptz NOT NULL
    )`);
}

/** Keeps a platform's offset; a smaller one than stored is ignored (offsets only grow). */
export async function savePlatformClock(tx: Transaction, platformId: string, offsetMs: number): Promise<void> {
  await tx.manager.query(
    `INSERT INTO platform_clocks (platform_id, offset_ms, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (platform_id) DO UPDATE SET offset_ms = GREATEST(platform_clocks.offset_ms, EXCLUDED.offset_ms), updated_at = EXCLUDED.updated_at`,
    [platformId, offsetMs, new Date()],
  );
}

/** Teaches the clock every stored offset (at start, then every few seconds: another replica may have consumed the event). */
export async function loadPlatformClocks(db: ServiceDb, clock: PlatformClock): Promise<number> {
  const rows = await db.query<{ platform_id: string; offset_ms: string }>(`SELECT platform_id, offset_ms FROM platform_clocks`);
  for (const row of rows) clock.learn(row.platform_id, Number(row.offset_ms));
  return rows.length;
}

/** The projection of `subscriptions.platform.clock_advanced` every consuming service keeps (see startSubgraph's reload). */
export async function onPlatformClockAdvanced(tx: Transaction, event: EventOf<'subscriptions.platform.clock_advanced'>): Promise<void> {
  await savePlatformClock(tx, event.platformId, event.data.offsetMs);
  tx.learnPlatformOffset(event.platformId, event.data.offsetMs);
}
