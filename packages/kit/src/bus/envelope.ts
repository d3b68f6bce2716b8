import { randomUUID } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readEnvelopeSchema, readEventSchemas, type EventPayloads, type EventType } from '@meterline/contracts';
import type { Clock } from '../clock';

/** The envelope of every event between services (DESIGN §4). */
export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  type: string;
  version: number;
  platformId: string;
  occurredAt: string;
  data: T;
}

/**
 * An event of one of the given types, its data typed by the payload generated from contracts/events
 * (`EventOf<'subscriptions.customer.created'>`; a union of types gives a union of events).
 */
export type EventOf<T extends EventType> = T extends EventType ? EventEnvelope<EventPayloads[T]> & { type: T } : never;

/** Every event type about one entity: `EntityEventType<'subscriptions.subscription'>` is its activated, changed, … events. */
export type EntityEventType<Entity extends string> = Extract<EventType, `${Entity}.${string}`>;

export class EventContractError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`Event ${eventType} breaks its contract: ${problems.join('; ')}`);
    this.name = 'EventContractError';
  }
}

interface CompiledContract {
  version: number;
  validateData: ValidateFunction;
}

/** Validates envelopes and their data against contracts/events, on publish and on consume. */
export class EventContracts {
  private readonly validateEnvelope: ValidateFunction;
  private readonly byType = new Map<string, CompiledContract>();

  constructor() {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    this.validateEnvelope = ajv.compile(readEnvelopeSchema());
    for (const [type, schema] of readEventSchemas()) {
      this.byType.set(type, { version: schema.version, validateData: ajv.compile(schema.data) });
    }
  }

  knows(type: string): boolean {
    return this.byType.has(type);
  }

  versionOf(type: string): number {
    const contract = this.byType.get(type);
    if (!contract) throw new EventContractError(type, ['no schema in contracts/events']);
    return contract.version;
  }

  /** Returns the event when it keeps its contract; throws EventContractError naming every problem. */
  check(event: unknown): EventEnvelope {
    if (!this.validateEnvelope(event)) {
      throw new EventContractError(String((event as { type?: unknown })?.type), describe(this.validateEnvelope));
    }
    const envelope = event as EventEnvelope;
    const contract = this.byType.get(envelope.type);
    if (!contract) throw new EventContractError(envelope.type, ['no schema in contracts/events']);
    if (!contract.validateData(envelope.data)) throw new EventContractError(envelope.type, describe(contract.validateData, '/data'));
    return envelope;
  }
}

function describe(validate: ValidateFunction, prefix = ''): string[] {
  return (validate.errors ?? []).map((e) => `${prefix}${e.instancePath || ''} ${e.message ?? 'is invalid'}`.trim());
}

let shared: EventContracts | undefined;
export function eventContracts(): EventContracts {
  shared ??= new EventContracts();
  return shared;
}

export function newEvent<T extends object>(type: string, platformId: string, data: T, clock: Clock): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: eventContracts().versionOf(type),
    platformId,
    occurredAt: clock.now(platformId).toISOString(),
    data,
  };
}
