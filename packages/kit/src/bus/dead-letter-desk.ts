import type { Clock } from '../clock';
import type { ServiceDb } from '../store/transaction';
import { DeadLetterStore } from './dead-letters';
import type { DeadLetterReplay, InboxConsumer } from './inbox';

/** A service's dead letters as its API sees them: listed from the table, replayed by the consumer of their stream. */
export interface DeadLetterDesk {
  store: DeadLetterStore;
  /** null when the tenant has no such dead letter. */
  replay(platformId: string, id: string): Promise<DeadLetterReplay | null>;
}

export function deadLetterDesk(db: ServiceDb, clock: Clock, consumers: InboxConsumer[]): DeadLetterDesk {
  const store = new DeadLetterStore(db, clock);
  return {
    store,
    async replay(platformId, id) {
      const letter = await store.find(platformId, id);
      if (!letter) return null;
      const consumer = consumers.find((c) => c.streamName === letter.stream);
      // A stream this service no longer reads: nothing could apply it.
      if (!consumer) return { replayed: false, deadLetter: letter };
      return consumer.replay(platformId, id);
    },
  };
}
