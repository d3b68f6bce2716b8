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

/** Publishes subscriptions.customer.created as the subscriptions subgraph would; returns the customer id once metering knows it. */
export async function announceCustomer(subgraph: SubgraphUnderTest, platformId: string, reference: string, times = 1): Promise<string> {
  const id = randomUUID();
  const event = newEvent('subscriptions.customer.created', platformId, { id, reference, name: reference, currency: 'EUR' }, systemClock);
  const { bus } = subgraph.running;
  for (let i = 0; i < times; i++) await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: `${event.id}-${i}` });
  await waitFor(
    async () =>
      (await subgraph.running.db.query(`SELECT 1 FROM customers WHERE platform_id = $1 AND id = $2`, [platformId, id])).length > 0,
    `customer ${reference} in metering's projection`,
  );
  return id;
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
