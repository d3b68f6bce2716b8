import type { RequestContext } from '@meterline/kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ingestUsageEvents } from '../store/usage-ingestion';
import { IngestResult, IngestStatus, UsageEventInput } from './usage-event.type';

@Resolver()
export class UsageEventResolver {
  @Mutation(() => IngestResult, {
    description: 'Ingests up to 1000 usage events. Idempotent per (meter, reference); one bad event never fails the others.',
  })
  async ingestUsageEvents(
    @Ctx() ctx: RequestContext,
    @Arg('events', () => [UsageEventInput]) events: UsageEventInput[],
  ): Promise<IngestResult> {
    const summary = await ingestUsageEvents(ctx, events);
    return { ...summary, results: summary.results.map((r) => ({ ...r, status: r.status as IngestStatus })) };
  }
}
