import { badInput, Decimal, forbidden, isUuid, Money, notFound, type RequestContext } from '@meterline/kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { billingOptionsOf } from '../billing/billing-options';
import { sealSecret } from '../billing/payment-secrets';
import { stripeWebhookPath } from '../rest/provider-webhooks.route';
import { checkPaymentMethodReference, checkStripeSecretKey, checkStripeWebhookSecret, lastFour } from '../domain/collection';
import {
  CollectionRepository,
  providerSettings,
  savePaymentMethod,
  saveProviderSettings,
  type AttemptRow,
  type CollectionRow,
  type PaymentCustomerRow,
} from '../store/collection.repository';
import type { InvoiceEntity } from '../store/invoice.entity';
import type { PaymentEntity } from '../store/payment.entity';
import { PaymentRepository } from '../store/payment.repository';
import {
  CustomerPaymentMethod,
  PaymentAttempt,
  PaymentCollection,
  PaymentProvider,
  SetCustomerPaymentMethodInput,
  StripeSettings,
  StripeSettingsInput,
} from './collection.type';
import { Invoice } from './invoice.type';
import { Payment } from './payment.type';
import { Customer } from './refs/customer.type';
import { PlatformSettings } from './refs/platform-settings.type';
import { settingsOf } from './invoicing-settings.resolver';

function requireAdmin(ctx: RequestContext, what: string): void {
  if (ctx.role !== 'admin') throw forbidden(`${what} are for admin keys`);
}

/** A platform's Stripe settings and a customer's payment method: admin mutations; secrets stored sealed, shown as last 4. */
@Resolver(() => PlatformSettings)
export class PaymentProviderSettingsResolver {
  @Mutation(() => PlatformSettings, {
    description:
      'Sets the Stripe account the caller’s platform collects payments with (admin keys): secret key and webhook signing secret, stored encrypted and never shown again but for their last 4 characters',
  })
  async updateStripeSettings(@Ctx() ctx: RequestContext, @Arg('input', () => StripeSettingsInput) input: StripeSettingsInput) {
    requireAdmin(ctx, 'Payment provider settings');
    const { paymentSecretsKey } = billingOptionsOf(ctx.db);
    const current = await providerSettings(ctx.db.ds, ctx.platformId, 'stripe');
    if (input.secretKey == null && input.webhookSecret == null && input.enabled == null)
      throw badInput('input', 'Nothing to change: give secretKey, webhookSecret or enabled');
    const secretKey = input.secretKey == null ? null : checkStripeSecretKey('input.secretKey', input.secretKey);
    const webhookSecret = input.webhookSecret == null ? null : checkStripeWebhookSecret('input.webhookSecret', input.webhookSecret);
    if (!current && !secretKey) throw badInput('input.secretKey', 'input.secretKey is required the first time');
    if (!current && !webhookSecret) throw badInput('input.webhookSecret', 'input.webhookSecret is required the first time');
    await saveProviderSettings(ctx.db.ds, {
      platform_id: ctx.platformId,
      provider: 'stripe',
      secret_key: secretKey ? sealSecret(paymentSecretsKey, secretKey) : current!.secret_key,
      secret_key_last4: secretKey ? lastFour(secretKey) : current!.secret_key_last4,
      webhook_secret: webhookSecret ? sealSecret(paymentSecretsKey, webhookSecret) : current!.webhook_secret,
      webhook_secret_last4: webhookSecret ? lastFour(webhookSecret) : current!.webhook_secret_last4,
      enabled: input.enabled ?? current?.enabled ?? true,
      updated_at: ctx.clock.now(),
    });
    return settingsOf(ctx);
  }

  @FieldResolver(() => StripeSettings, { nullable: true, description: 'The Stripe account payments are collected with; null until set' })
  async stripe(@Root() settings: PlatformSettings, @Ctx() ctx: RequestContext): Promise<StripeSettings | null> {
    const row = await providerSettings(ctx.db.ds, ctx.platformId, 'stripe');
    if (!row || settings.id !== ctx.platformId) return null;
    return {
      enabled: row.enabled,
      secretKeyLast4: row.secret_key_last4,
      webhookSecretLast4: row.webhook_secret_last4,
      webhookPath: stripeWebhookPath(ctx.platformId),
      updatedAt: row.updated_at,
    };
  }
}

/** The customer's id, from its id or reference, as invoicing's read model knows it (NOT_FOUND on `field` otherwise). */
async function customerIdOf(ctx: RequestContext, given: string, field: string): Promise<string> {
  const [row] = (await ctx.db.query(
    `SELECT id FROM customers WHERE platform_id = $1 AND (id = $2::uuid OR reference = $3) ORDER BY id = $2::uuid DESC LIMIT 1`,
    [ctx.platformId, isUuid(given) ? given : null, given],
  )) as Array<{ id: string }>;
  if (!row) throw notFound('Customer', field);
  return row.id;
}

function paymentMethodOf(row: PaymentCustomerRow | null): CustomerPaymentMethod | null {
  if (!row) return null;
  return {
    provider: PaymentProvider.STRIPE,
    paymentMethod: row.payment_method,
    providerCustomerId: row.provider_customer_id,
    updatedAt: row.updated_at,
  };
}

@Resolver(() => Customer)
export class CustomerPaymentMethodResolver {
  @Mutation(() => Customer, {
    description:
      'Sets (or with paymentMethod null removes) the saved payment method a customer’s issued invoices are collected with (admin keys)',
  })
  async setCustomerPaymentMethod(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetCustomerPaymentMethodInput) input: SetCustomerPaymentMethodInput,
  ): Promise<Customer> {
    requireAdmin(ctx, 'Payment methods');
    const customerId = await customerIdOf(ctx, input.customer, 'input.customer');
    const paymentMethod =
      input.paymentMethod === null ? null : checkPaymentMethodReference('input.paymentMethod', 'stripe', input.paymentMethod);
    await savePaymentMethod(ctx.db.ds, ctx.platformId, customerId, 'stripe', paymentMethod, ctx.clock.now());
    return { id: customerId };
  }

  @FieldResolver(() => CustomerPaymentMethod, { nullable: true, description: 'The saved payment method invoices are collected with' })
  async paymentMethod(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<CustomerPaymentMethod | null> {
    return paymentMethodOf(await new CollectionRepository(ctx).paymentCustomerOf(customer.id));
  }
}

@Resolver(() => Invoice)
export class InvoiceCollectionResolver {
  @FieldResolver(() => PaymentCollection, {
    nullable: true,
    description: 'Collection through the payment provider (attempts, dunning); null when the invoice is not collected that way',
  })
  paymentCollection(@Root() invoice: InvoiceEntity, @Ctx() ctx: RequestContext): Promise<CollectionRow | null> {
    return new CollectionRepository(ctx).collectionOf(invoice.id);
  }
}

@Resolver(() => PaymentCollection)
export class PaymentCollectionResolver {
  @FieldResolver(() => PaymentProvider)
  provider(): PaymentProvider {
    return PaymentProvider.STRIPE;
  }

  @FieldResolver(() => Date, { nullable: true })
  nextAttemptAt(@Root() row: CollectionRow): Date | null {
    return row.next_attempt_at;
  }

  @FieldResolver(() => Date)
  createdAt(@Root() row: CollectionRow): Date {
    return row.created_at;
  }

  @FieldResolver(() => [PaymentAttempt])
  attempts(@Root() row: CollectionRow, @Ctx() ctx: RequestContext): Promise<AttemptRow[]> {
    return new CollectionRepository(ctx).attemptsOf(row.id);
  }
}

@Resolver(() => PaymentAttempt)
export class PaymentAttemptResolver {
  @FieldResolver(() => Money)
  amount(@Root() row: AttemptRow): Money {
    return Money.of(new Decimal(row.amount), row.currency.trim());
  }

  @FieldResolver(() => String, { nullable: true })
  providerCustomerId(@Root() row: AttemptRow): string | null {
    return row.provider_customer_id;
  }

  @FieldResolver(() => String, { nullable: true })
  providerPaymentIntentId(@Root() row: AttemptRow): string | null {
    return row.provider_intent_id;
  }

  @FieldResolver(() => String, { nullable: true })
  errorCode(@Root() row: AttemptRow): string | null {
    return row.error_code;
  }

  @FieldResolver(() => String, { nullable: true })
  errorMessage(@Root() row: AttemptRow): string | null {
    return row.error_message;
  }

  @FieldResolver(() => Date, { nullable: true })
  nextAttemptAt(@Root() row: AttemptRow): Date | null {
    return row.next_attempt_at;
  }

  @FieldResolver(() => Date)
  createdAt(@Root() row: AttemptRow): Date {
    return row.created_at;
  }

  @FieldResolver(() => Date)
  updatedAt(@Root() row: AttemptRow): Date {
    return row.updated_at;
  }

  @FieldResolver(() => Payment, { nullable: true })
  async payment(@Root() row: AttemptRow, @Ctx() ctx: RequestContext): Promise<PaymentEntity | null> {
    if (!row.payment_id) return null;
    const payments = await new PaymentRepository(ctx).paymentsOf(row.invoice_id);
    return payments.find((p) => p.id === row.payment_id) ?? null;
  }
}
