import { randomUUID } from 'node:crypto';
import { newEvent, signTenantHeaders, systemClock } from '@meterline/kit';
import { waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';

export type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

/** Fails the test on GraphQL errors; returns data. */
export async function ok<T = Record<string, unknown>>(send: Send, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await send<T>(query, variables);
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** Publishes an event on the test's bus namespace as its producer would, `times` times (redeliveries), then waits for `seen`. */
async function publish(
  subgraph: SubgraphUnderTest,
  type: string,
  platformId: string,
  data: Record<string, unknown>,
  seen: { sql: string; params: unknown[]; what: string },
  times = 1,
): Promise<void> {
  const event = newEvent(type, platformId, data, systemClock);
  const { bus } = subgraph.running;
  for (let i = 0; i < times; i++) await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: `${event.id}-${i}` });
  await waitFor(async () => (await subgraph.running.db.query(seen.sql, seen.params)).length > 0, seen.what);
}

/** Publishes subscriptions.customer.created as the subscriptions subgraph would; returns the customer id once metering knows it. */
export async function announceCustomer(
  subgraph: SubgraphUnderTest,
  platformId: string,
  reference: string,
  times = 1,
  id: string = randomUUID(),
): Promise<string> {
  await publish(
    subgraph,
    'subscriptions.customer.created',
    platformId,
    { id, reference, name: reference, currency: 'EUR' },
    {
      sql: `SELECT 1 FROM customers WHERE platform_id = $1 AND id = $2`,
      params: [platformId, id],
      what: `customer ${reference} in metering's projection`,
    },
    times,
  );
  return id;
}

/**
 * Publishes subscriptions.subscription.<verb> (the whole subscription, as the subscriptions subgraph does) and waits
 * until metering's projection holds it with that status.
 */
export async function announceSubscription(
  subgraph: SubgraphUnderTest,
  platformId: string,
  subscription: { id: string; customerId: string; status: 'DRAFT' | 'ACTIVE' | 'CANCELED' | 'ENDED' },
  verb: 'activated' | 'changed' | 'canceled' | 'ended' = 'activated',
): Promise<void> {
  const { id, customerId, status } = subscription;
  const data = {
    id,
    status,
    customer: { id: customerId, reference: 'whoever', currency: 'EUR', taxRate: null },
    billingPeriod: 'MONTH',
    anchor: '2026-01-01T00:00:00.000Z',
    startAt: '2026-01-01T00:00:00.000Z',
    endAt: null,
    trialEnd: null,
    phases: [{ startsAt: '2026-01-01T00:00:00.000Z', endsAt: null, planVersionId: randomUUID(), seats: 0, overrides: {} }],
  };
  await publish(subgraph, `subscriptions.subscription.${verb}`, platformId, data, {
    sql: `SELECT 1 FROM subscriptions WHERE platform_id = $1 AND id = $2 AND status = $3`,
    params: [platformId, id, status],
    what: `subscription ${id} ${status} in metering's projection`,
  });
}

export async function createActiveMeter(send: Send, input: Record<string, unknown>): Promise<void> {
  await ok(send, `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, { input });
  await ok(send, `mutation ($m: String!) { changeMeterStatus(meter: $m, action: ACTIVATE) { status } }`, { m: input.reference });
}

export const INGEST = `mutation ($events: [UsageEventInput!]!) {
  ingestUsageEvents(events: $events) { accepted unmatched duplicates conflicts rejected results { index status reason field eventId } }
}`;

export type IngestData = {
  ingestUsageEvents: {
    accepted: number;
    unmatched: number;
    duplicates: number;
    conflicts: number;
    rejected: number;
    results: Array<{ index: number; status: string; reason: string | null; field: string | null; eventId: string | null }>;
  };
};

/** POSTs to the subgraph's REST door with signed tenant headers. */
export async function postEvents(subgraph: SubgraphUnderTest, platformId: string, body: string, contentType = 'application/json') {
  const response = await fetch(subgraph.running.url.replace(/\/graphql$/, '/v1/events'), {
    method: 'POST',
    headers: { 'content-type': contentType, ...signTenantHeaders(subgraph.secret, { platformId, role: 'ingest' }, systemClock) },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { results?: Array<Record<string, unknown>> },
  };
}
