import type { SubgraphServices } from '@meterline/kit';
import { refreshDrafts } from '../billing/invoice-drafts';
import { deleteDraftRequests, takeDraftRequests, tryLockCustomersInvoices } from '../store/draft-requests';

/** Refreshes requested drafts, many customers per transaction; returns how many customers were refreshed. */
export async function refreshRequestedDrafts(services: SubgraphServices, graceMs: number, customersPerRound = 200): Promise<number> {
  const now = services.clock.now();
  return services.db.transact(async (tx) => {
    const requests = await takeDraftRequests(tx, customersPerRound);
    const byPlatform = new Map<string, Array<{ customerId: string; usageSince: Date | null }>>();
    for (const r of requests) {
      const list = byPlatform.get(r.platform_id) ?? [];
      list.push({ customerId: r.customer_id, usageSince: r.usage_since });
      byPlatform.set(r.platform_id, list);
    }
    let refreshed = 0;
    for (const [platformId, asked] of byPlatform) {
      // A customer being issued right now by another job is left alone: that job applies the request itself.
      const locked = new Set(
        await tryLockCustomersInvoices(
          tx,
          platformId,
          asked.map((r) => r.customerId),
        ),
      );
      const list = asked.filter((r) => locked.has(r.customerId));
      if (list.length === 0) continue;
      await deleteDraftRequests(
        tx,
        platformId,
        list.map((r) => r.customerId),
      );
      await refreshDrafts(tx, platformId, list, now, graceMs);
      refreshed += list.length;
    }
    return refreshed;
  });
}
