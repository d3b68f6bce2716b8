import type { BackgroundWorker, SubgraphDefinition, SubgraphServices } from '@meterline/kit';
import { Imports1763700000400 } from '../store/migrations/1763700000400-imports';
import { EventImportEntity, EventImportRejectionEntity } from './event-import.entity';
import { EventImportProcessor } from './event-import.processor';
import { EventImportResolver } from './event-import.resolver';
import { importsOptionsFromEnv, type ImportsOptions } from './imports.config';
import { mountImportRoutes } from './upload.route';

type RestRouter = Parameters<NonNullable<SubgraphDefinition['rest']>>[0];

/**
 * File imports of usage events (DESIGN §3): upload over REST, background processing, progress over GraphQL.
 * `overrides` replace settings otherwise read from IMPORTS_* environment variables (when `rest`/`workers` are called).
 */
export function createImportsModule(overrides: Partial<ImportsOptions> = {}) {
  // One processor per running service: the upload route wakes the processor of its own service.
  const processors = new WeakMap<SubgraphServices, EventImportProcessor>();
  const optionsFor = (() => {
    let options: ImportsOptions | undefined;
    return () => (options ??= { ...importsOptionsFromEnv(), ...overrides });
  })();
  const processorFor = (services: SubgraphServices) => {
    let processor = processors.get(services);
    if (!processor) {
      processor = new EventImportProcessor(services, optionsFor());
      processors.set(services, processor);
    }
    return processor;
  };
  return {
    entities: [EventImportEntity, EventImportRejectionEntity],
    migrations: [Imports1763700000400],
    resolvers: [EventImportResolver],
    rest(router: RestRouter, services: SubgraphServices): void {
      mountImportRoutes(router, services, optionsFor(), () => processorFor(services).nudge());
    },
    workers(services: SubgraphServices): BackgroundWorker[] {
      return [processorFor(services)];
    },
  };
}

export const importsModule = createImportsModule();

export { EventImportProcessor } from './event-import.processor';
export { EventImportResolver } from './event-import.resolver';
export { EventImportEntity, EventImportRejectionEntity } from './event-import.entity';
export { validateImportMapping, rowToUsageEvent, fileRowReference, type ImportMapping } from './import-mapping';
export { readFileRows, ImportFileError, type ImportFormat } from '@meterline/kit/file-import';
export type { ImportsOptions } from './imports.config';
