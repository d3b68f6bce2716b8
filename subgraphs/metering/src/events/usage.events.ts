import type { Transaction } from '@meterline/kit';
import { usageDeltas, type MatchedEvent, type MeterForDeltas } from '../domain/usage-deltas';

/** Deltas per message: keeps a message far below NATS's 1 MB default even with UNIQUE_COUNT values. */
const DELTAS_PER_MESSAGE = 500;

/** One `metering.usage.recorded` per batch (or a few for a very diverse batch), in the batch's own transaction. */
export async function emitUsageRecorded(
  tx: Transaction,
  platformId: string,
  meters: Map<string, MeterForDeltas>,
  matched: MatchedEvent[],
): Promise<void> {
  const deltas = usageDeltas(meters, matched);
  for (let i = 0; i < deltas.length; i += DELTAS_PER_MESSAGE) {
    await tx.emit('metering.usage.recorded', platformId, { deltas: deltas.slice(i, i + DELTAS_PER_MESSAGE) });
  }
}
