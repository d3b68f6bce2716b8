/**
 * How an integrator uses @meterline/client: typed variables in, typed data out, with plain fetch (any GraphQL client
 * that understands TypedDocumentNode — Apollo Client, urql, graphql-request — works the same way).
 *
 *   METERLINE_URL=http://localhost:4000/graphql METERLINE_API_KEY=ml_… npx ts-node packages/client/examples/usage.ts
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { CustomerUsageDocument, IngestUsageDocument } from '../src';

async function run<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data> {
  const response = await fetch(process.env.METERLINE_URL ?? 'http://localhost:4000/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.METERLINE_API_KEY}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: Array<{ message: string }> };
  if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

export async function example(): Promise<void> {
  const ingested = await run(IngestUsageDocument, {
    events: [
      { meterReference: 'api_calls', customerReference: 'acme', reference: 'req-1', meterValues: [{ reference: 'calls', number: '1' }] },
    ],
  });
  console.log(`accepted ${ingested.ingestUsageEvents.accepted}`);
  const { usage } = await run(CustomerUsageDocument, {
    customer: 'acme',
    metric: 'api_calls_total',
    from: '2026-11-01T00:00:00Z',
    to: '2026-12-01T00:00:00Z',
  });
  for (const day of usage.buckets) console.log(day.start, day.value);
}

if (require.main === module) void example();
