import { savePlatformClock, type RequestContext } from '@meterline/kit';
import { sandboxAdvance } from '../domain/sandbox-clock';

/**
 * Advances the caller's sandbox to `to`: the new offset is stored (platform_clocks, locked so two advances serialize),
 * served by this process at once, and announced to every service by `subscriptions.platform.clock_advanced` in the
 * same transaction. Returns the sandbox's time after the move.
 */
export async function advanceSandboxClock(ctx: RequestContext, to: Date): Promise<Date> {
  return ctx.db.transact(async (tx) => {
    const [row] = (await tx.manager.query(`SELECT offset_ms FROM platform_clocks WHERE platform_id = $1 FOR UPDATE`, [
      ctx.platformId,
    ])) as Array<{ offset_ms: string }>;
    // The service clock (tx.now() without a platform): a sandbox's time is it plus the stored offset.
    const serviceNow = tx.now();
    const offsetMs = sandboxAdvance(ctx.sandbox === true, to, serviceNow, row ? Number(row.offset_ms) : 0);
    await savePlatformClock(tx, ctx.platformId, offsetMs);
    await tx.emit('subscriptions.platform.clock_advanced', ctx.platformId, { offsetMs, now: to.toISOString() });
    tx.learnPlatformOffset(ctx.platformId, offsetMs);
    return new Date(serviceNow.getTime() + offsetMs);
  });
}
