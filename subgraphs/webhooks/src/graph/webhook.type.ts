import { ConnectionType } from '@meterline/kit';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookEndpointStatus {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookEndpointStatus, { name: 'WebhookEndpointStatus' });

export enum WebhookMessageStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookMessageStatus, {
  name: 'WebhookMessageStatus',
  description: 'PENDING: due or waiting for its next attempt; SUCCEEDED: a 2xx answer; FAILED: its ~3-day schedule is exhausted',
});

@ObjectType({ description: 'A webhook event type a platform can subscribe to' })
export class WebhookEventType {
  @Field({ description: 'e.g. invoice.issued' })
  type: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true, description: 'The internal event it comes from (null: the test event)' })
  source: string | null;
}

@ObjectType({ description: 'One HTTP attempt of a message' })
export class WebhookAttempt {
  @Field({ description: 'When it was sent (service clock)' })
  at: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status answered; null when no answer (refused, timed out, reset)' })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: 'The first 1024 characters of the response body' })
  responseBody: string | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => String, { nullable: true, description: 'Why no answer came (connection refused, timeout, …)' })
  error: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A webhook message to one endpoint: its body, state, schedule and attempts' })
export class WebhookMessage {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The webhook-id header: the same on every attempt and on every endpoint the message goes to' })
  webhookId: string;

  @Field({ description: 'Webhook event type, e.g. invoice.issued' })
  eventType: string;

  @Field({ description: 'The exact JSON body sent: { type, timestamp, data }' })
  body: string;

  @Field(() => WebhookMessageStatus)
  status: WebhookMessageStatus;

  @Field(() => Int)
  attemptCount: number;

  @Field(() => Date, { nullable: true, description: 'When it is tried next (PENDING only)' })
  nextAttemptAt: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Field()
  createdAt: Date;

  endpointId: string;
}

export const WebhookMessageConnection = ConnectionType(WebhookMessage, 'WebhookMessage');

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Where a platform receives signed webhooks (Standard Webhooks)' })
export class WebhookEndpoint {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [String], { description: 'Webhook event types it receives; ["*"]: all of them' })
  eventTypes: string[];

  @Field(() => WebhookEndpointStatus)
  status: WebhookEndpointStatus;

  @Field(() => String, { nullable: true, description: 'Why it was disabled (automatically after persistent failure, or by hand)' })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, 'WebhookEndpoint');

@ObjectType({ description: 'An endpoint with its signing secret, shown only here (on create and on rotate)' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field({ description: 'whsec_…: verify webhook-signature with it; it is not shown again' })
  secret: string;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'http or https URL, without credentials' })
  url: string;

  @Field(() => [String], { nullable: true, description: 'Event types to receive (see webhookEventTypes); empty or ["*"]: all' })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it' })
  description?: string | null;
}
