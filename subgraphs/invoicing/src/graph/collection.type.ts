import { Money } from '@meterline/kit';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AttemptStatus, CollectionStatus } from '../store/collection.repository';
import { Payment } from './payment.type';

export enum PaymentProvider {
  STRIPE = 'STRIPE',
}
registerEnumType(PaymentProvider, { name: 'PaymentProvider', description: 'A payment provider Meterline collects through' });

export enum PaymentCollectionStatus {
  SCHEDULED = 'SCHEDULED',
  PROCESSING = 'PROCESSING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
}
registerEnumType(PaymentCollectionStatus, {
  name: 'PaymentCollectionStatus',
  valuesConfig: {
    SCHEDULED: { description: 'The next attempt waits for nextAttemptAt' },
    PROCESSING: { description: 'An attempt was sent to the provider; its outcome (or webhook) is awaited' },
    SUCCEEDED: { description: 'The provider collected the amount; it is recorded as a payment' },
    FAILED: { description: 'Every attempt of the dunning schedule failed; nothing more is tried' },
    CANCELED: { description: 'The invoice was settled another way (or voided), or the payment method was removed: no more attempts' },
  },
});

export enum PaymentAttemptStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(PaymentAttemptStatus, {
  name: 'PaymentAttemptStatus',
  valuesConfig: {
    PENDING: { description: 'Being sent to the provider (sent again with the same idempotency key until it answers)' },
    PROCESSING: { description: 'The provider took it; the outcome comes by webhook' },
    SUCCEEDED: { description: 'Paid' },
    FAILED: { description: 'Declined or refused; errorCode and errorMessage say why' },
  },
});

@ObjectType({ description: 'One charge of an invoice through the payment provider' })
export class PaymentAttempt {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the first attempt of the collection' })
  number: number;

  @Field(() => PaymentAttemptStatus)
  status: AttemptStatus;

  @Field(() => Money, { description: 'What was asked: the amount due when the attempt was made' })
  amount: Money;

  @Field(() => String, { nullable: true, description: 'The provider’s customer (Stripe cus_…)' })
  providerCustomerId: string | null;

  @Field(() => String, { nullable: true, description: 'The provider’s payment (Stripe PaymentIntent pi_…)' })
  providerPaymentIntentId: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, as the provider says (e.g. card_declined, insufficient_funds)' })
  errorCode: string | null;

  @Field(() => String, { nullable: true })
  errorMessage: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt runs after this one failed (null: none)' })
  nextAttemptAt: Date | null;

  @Field(() => Payment, { nullable: true, description: 'The payment it recorded, once succeeded' })
  payment: Payment | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'Collection of an issued invoice’s amount due through a payment provider, with dunning retries' })
export class PaymentCollection {
  @Field(() => ID)
  id: string;

  @Field(() => PaymentProvider)
  provider: PaymentProvider;

  @Field(() => PaymentCollectionStatus)
  status: CollectionStatus;

  @Field(() => Date, { nullable: true, description: 'When the next attempt runs (SCHEDULED)' })
  nextAttemptAt: Date | null;

  @Field(() => [PaymentAttempt], { description: 'Attempts made, first first' })
  attempts: PaymentAttempt[];

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'A platform’s Stripe account as Meterline uses it; secrets are never shown, only their last 4 characters' })
export class StripeSettings {
  @Field({ description: 'Collects payments of newly issued invoices while true' })
  enabled: boolean;

  @Field()
  secretKeyLast4: string;

  @Field()
  webhookSecretLast4: string;

  @Field({
    description: 'Path on the gateway to give Stripe as the webhook endpoint (events payment_intent.succeeded and .payment_failed)',
  })
  webhookPath: string;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'How a customer pays: a saved payment method at a provider' })
export class CustomerPaymentMethod {
  @Field(() => PaymentProvider)
  provider: PaymentProvider;

  @Field({ description: 'The provider’s saved payment method (Stripe pm_…), charged off-session' })
  paymentMethod: string;

  @Field(() => String, { nullable: true, description: 'The provider’s customer, once Meterline created it (Stripe cus_…)' })
  providerCustomerId: string | null;

  @Field()
  updatedAt: Date;
}

@InputType({
  description: 'The caller’s platform’s Stripe settings; both secrets are required the first time, a field left out is unchanged',
})
export class StripeSettingsInput {
  @Field(() => String, { nullable: true, description: 'Secret (sk_…) or restricted (rk_…) API key' })
  secretKey?: string | null;

  @Field(() => String, { nullable: true, description: 'Signing secret of the webhook endpoint (whsec_…)' })
  webhookSecret?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true the first time' })
  enabled?: boolean | null;
}

@InputType({ description: 'A customer’s saved payment method at a provider' })
export class SetCustomerPaymentMethodInput {
  @Field(() => ID, { description: 'The customer’s id or reference' })
  customer: string;

  @Field(() => PaymentProvider)
  provider: PaymentProvider;

  @Field(() => String, { nullable: true, description: 'The saved payment method (Stripe pm_…); null removes it' })
  paymentMethod: string | null;
}
