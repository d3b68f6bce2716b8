import DataLoader from 'dataloader';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ServiceDb } from '../store/transaction';
import type { DeadLetterDesk } from '../bus/dead-letter-desk';
import type { Role } from './tenant';

/** Per-request DataLoaders, created on first use: one batch query per entity type per request. */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** `maxRows`: the most rows one batched list load may read (GRAPHQL_MAX_FIELDS; see loadChildren). */
  constructor(readonly maxRows = 100_000) {}

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<Array<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** What every resolver receives. `platformId` comes only from the gateway's signed headers. */
export interface RequestContext {
  platformId: string;
  role: Role;
  /** The platform is a sandbox (signed by the gateway): its business clock can be advanced. */
  sandbox?: boolean;
  requestId: string;
  log: Logger;
  db: ServiceDb;
  /** The business clock of the caller's platform (a sandbox may run ahead of the service clock). */
  clock: Clock;
  loaders: Loaders;
  /** The service's dead letters (list, replay); set by startSubgraph. */
  deadLetters?: DeadLetterDesk;
}
