import type { Transaction } from '@meterline/kit';
import { usageItems, type MatchedEvent, type MeterForItems } from '../domain/usage-items';

/** Items per message: keeps a message far below NATS's 1 MB default even with UNIQUE_COUNT values. */
const ITEMS_PER_MESSAGE = 1000;

/** One `metering.usage.recorded` per batch (or a few for a large one), in the batch's own transaction. */
export async function emitUsageRecorded(
  tx: Transaction,
  platformId: string,
  meters: Map<string, MeterForItems>,
  matched: MatchedEvent[],
): Promise<void> {
  const items = usageItems(meters, matched);
  for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE) {
    await tx.emit('metering.usage.recorded', platformId, { items: items.slice(i, i + ITEMS_PER_MESSAGE) });
  }
}
