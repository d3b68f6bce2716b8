import { badInput, notFound, PageArgs, parseDateTimeInput, valueOrBadInput, type RequestContext } from '@meterline/kit';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { webhookEventTypes } from '../domain/event-types';
import {
  createEndpoint,
  disableEndpoint,
  enableEndpoint,
  rotateSecret,
  sendTestWebhook,
  updateEndpoint,
} from '../endpoints/endpoint-actions';
import { webhookIdOf } from '../events/webhook.consumer';
import type { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '../store/webhook.entity';
import { DeliveryRepository, EndpointRepository } from '../store/webhook.repository';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointWithSecret,
  WebhookEventType,
  WebhookMessage,
  WebhookMessageConnection,
  WebhookMessageStatus,
} from './webhook.type';

@ArgsType()
class WebhookMessagesArgs extends PageArgs {
  @Field(() => WebhookMessageStatus, { nullable: true, description: 'Only messages in this state' })
  status?: WebhookMessageStatus | null;
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => WebhookEndpointConnection, { description: "The platform's webhook endpoints, newest first" })
  webhookEndpoints(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return new EndpointRepository(ctx).list(page);
  }

  @Query(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return new EndpointRepository(ctx).byId(id);
  }

  @Query(() => [WebhookEventType], { description: 'Every webhook event type, with the internal event it comes from' })
  webhookEventTypes(): WebhookEventType[] {
    return webhookEventTypes();
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'A new endpoint, ENABLED; its signing secret is shown only in this answer' })
  createWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('input') input: CreateWebhookEndpointInput) {
    return createEndpoint(ctx, input);
  }

  @Mutation(() => WebhookEndpoint)
  updateWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateWebhookEndpointInput) {
    return updateEndpoint(ctx, id, input);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new signing secret, used from the next attempt on; shown only in this answer',
  })
  rotateWebhookEndpointSecret(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return rotateSecret(ctx, id);
  }

  @Mutation(() => ID, { description: 'Deletes the endpoint with its messages and attempts; answers its id' })
  async deleteWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<string> {
    const repo = new EndpointRepository(ctx);
    await repo.get(id);
    await repo.delete(id);
    return id;
  }

  @Mutation(() => WebhookEndpoint, { description: 'ENABLED again (after an automatic or manual disable), failure count reset' })
  enableWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return enableEndpoint(ctx, id);
  }

  @Mutation(() => WebhookEndpoint, { description: 'DISABLED: nothing new is queued for it; pending messages wait' })
  disableWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return disableEndpoint(ctx, id);
  }

  @FieldResolver(() => WebhookMessageConnection, { description: 'Its messages (the delivery log), newest first' })
  messages(@Root() endpoint: WebhookEndpointEntity, @Ctx() ctx: RequestContext, @Args() args: WebhookMessagesArgs) {
    return new DeliveryRepository(ctx).ofEndpoint(endpoint.id, args, args.status);
  }
}

@Resolver(() => WebhookMessage)
export class WebhookMessageResolver {
  @Query(() => WebhookMessage, { nullable: true })
  webhookMessage(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return new DeliveryRepository(ctx).byId(id);
  }

  @Mutation(() => WebhookMessage, { description: 'Sends the message again now with a fresh schedule, same webhook-id and body' })
  async replayWebhookMessage(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    const repo = new DeliveryRepository(ctx);
    await repo.get(id);
    await repo.replay(id);
    return repo.fresh(id);
  }

  @Mutation(() => Int, { description: 'Replays every FAILED message of an endpoint created at or after `since`; answers how many' })
  async replayFailedWebhookMessages(
    @Ctx() ctx: RequestContext,
    @Arg('endpoint', () => ID) endpointId: string,
    @Arg('since', () => String) since: string,
  ): Promise<number> {
    await new EndpointRepository(ctx).get(endpointId, 'endpoint');
    const from = valueOrBadInput('since', parseDateTimeInput(since));
    if (from > ctx.clock.now()) throw badInput('since', 'since must not be in the future');
    return new DeliveryRepository(ctx).replayFailed(endpointId, from);
  }

  @Mutation(() => WebhookMessage, { description: 'Queues a webhook.test message to this endpoint only, sent at once' })
  sendTestWebhook(@Ctx() ctx: RequestContext, @Arg('endpoint', () => ID) endpointId: string) {
    return sendTestWebhook(ctx, endpointId);
  }

  @FieldResolver(() => String)
  webhookId(@Root() delivery: WebhookDeliveryEntity): string {
    return webhookIdOf(delivery.messageId);
  }

  @FieldResolver(() => String)
  eventType(@Root() delivery: WebhookDeliveryEntity): string {
    return delivery.message.eventType;
  }

  @FieldResolver(() => String)
  body(@Root() delivery: WebhookDeliveryEntity): string {
    return delivery.message.body;
  }

  @FieldResolver(() => WebhookEndpoint)
  async endpoint(@Root() delivery: WebhookDeliveryEntity, @Ctx() ctx: RequestContext) {
    return new EndpointRepository(ctx).get(delivery.endpointId);
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first (replays included)' })
  async attempts(@Root() delivery: WebhookDeliveryEntity, @Ctx() ctx: RequestContext): Promise<WebhookAttempt[]> {
    const rows: WebhookAttemptEntity[] = await new DeliveryRepository(ctx).attempts(delivery.id);
    return rows.map((a) => ({
      at: a.attemptedAt,
      statusCode: a.statusCode,
      responseBody: a.responseBody,
      durationMs: a.durationMs,
      error: a.error,
    }));
  }
}

export async function resolveWebhookEndpointReference(reference: { id: string }, ctx: RequestContext) {
  const endpoint = await new EndpointRepository(ctx).byId(reference.id);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

export async function resolveWebhookMessageReference(reference: { id: string }, ctx: RequestContext) {
  const delivery = await new DeliveryRepository(ctx).byId(reference.id);
  if (!delivery) throw notFound('Webhook message');
  return delivery;
}
