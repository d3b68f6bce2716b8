import { waitFor } from '@meterline/kit/testing';
import { ACTIVATE_METER, CREATE_CUSTOMER, CREATE_METER, gatewayClient, INGEST, newTenant, type GatewayClient } from './testkit';

/**
 * A story-like testkit over the gateway: one tenant, its catalog, customers, subscriptions, events and invoices, each
 * step waiting for what the platform propagates over NATS (plan versions to subscriptions, customers and subscriptions
 * to metering, usage to invoicing drafts).
 */

export type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;

export interface Line {
  kind: string;
  description: string;
  quantity: string | null;
  amount: { amount: string; currency: string };
  windowStart: string | null;
  windowEnd: string | null;
}
export interface Invoice {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  lines: Line[];
  subtotal: { amount: string };
  total: { amount: string };
}
export interface UsageEventDetails {
  id: string;
  reference: string;
  status: string;
  unmatchedReason: string | null;
  subscriptionId: string | null;
  estimatedCost: { amount: string; currency: string } | null;
  invoice: { id: string; kind: string; status: string } | null;
}
export interface IngestResult {
  index: number;
  reference: string;
  status: string;
  reason: string | null;
  field: string | null;
  eventId: string | null;
}

export type Kind = 'SUBSCRIPTION' | 'CORRECTION';

/** [kind, description, amount]: what most assertions compare. */
export type Expected = [kind: string, description: string, amount: string];
export const linesOf = (invoice: Invoice): Expected[] => invoice.lines.map((l) => [l.kind, l.description, l.amount.amount]);
/** [description, windowStart, windowEnd] of the usage lines. */
export const windowsOf = (invoice: Invoice) =>
  invoice.lines.filter((l) => l.kind === 'USAGE').map((l) => [l.description, l.windowStart, l.windowEnd]);

/** A price in the catalog's GraphQL PriceInput form. */
export type Price = Record<string, unknown>;
export interface ItemSpec {
  reference: string;
  name: string;
  chargeType: 'USAGE' | 'RECURRING' | 'SEAT';
  meterReference?: string;
  metricReference?: string;
}
export interface MeterSpec {
  reference: string;
  values: Array<{ reference: string; type: 'NUMBER' | 'AMOUNT'; currency?: string }>;
  metrics: Array<{ reference: string; aggregation: string; valueReference?: string }>;
}
export interface EventSpec {
  meter: string;
  customer: string;
  reference: string;
  timestamp: string;
  /** NUMBER values */
  numbers?: Record<string, string>;
  /** AMOUNT values, in EUR */
  amounts?: Record<string, string>;
  subscriptionId?: string;
}

const INVOICE_FIELDS = `id number kind status periodStart periodEnd subtotal { amount } total { amount }
  lines { kind description quantity amount { amount currency } windowStart windowEnd }`;
const INVOICES = `query ($customer: ID, $subscription: ID) {
  invoices(customer: $customer, subscription: $subscription, first: 100) { edges { node { ${INVOICE_FIELDS} } } }
}`;
const INVOICE_BY_ID = `query ($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;
const ISSUE = `mutation ($id: ID!) { issueInvoice(id: $id) { ${INVOICE_FIELDS} } }`;
const CREATE_SUBSCRIPTION = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id status } }`;
const CHANGE = `mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!, $at: DateTime!) { cancelSubscription(subscription: $id, effective: AT, at: $at) { id status endAt } }`;
const EVENTS = `query ($filter: UsageEventFilter, $after: String) { usageEvents(filter: $filter, first: 100, after: $after) {
  edges { node { id reference status unmatchedReason subscriptionId estimatedCost { amount currency } invoice { id kind status } } }
  pageInfo { hasNextPage endCursor } } }`;

/** The catalog's answer while a plan version has not reached subscriptions yet (it travels over NATS). */
const NOT_ARRIVED = /Not an active plan version/;
/** Drafts follow usage and changes within seconds. */
const FOLLOWS_WITHIN_MS = 15_000;

/** Whose invoices: a customer's (by reference) or one subscription's (by id). */
export type Whose = { customer: string } | { subscription: string };
const nameOf = (whose: Whose) => ('customer' in whose ? whose.customer : `subscription ${whose.subscription}`);

/** A GRADUATED price from (upTo, unitPrice) tiers; the last tier's upTo is null. */
export const graduated = (...tiers: Array<[upTo: string | null, unitPrice: string]>) => ({
  model: 'GRADUATED',
  tiers: tiers.map(([upTo, unitPrice]) => ({ upTo, unitPrice })),
});

export const codeOf = (errors: Errors) => ({
  code: errors?.[0]?.extensions?.code,
  field: errors?.[0]?.extensions?.field,
  message: errors?.[0]?.message,
});

export class Scenario {
  private readonly customerIds = new Map<string, string>();

  private constructor(
    readonly client: GatewayClient,
    readonly platformId: string,
  ) {}

  /** A new tenant of the platform with an admin key. */
  static async open(platform: { databaseUrl: string; gatewayUrl: string }): Promise<Scenario> {
    const { apiKey, platformId } = await newTenant(platform.databaseUrl);
    return new Scenario(gatewayClient(platform.gatewayUrl, apiKey), platformId);
  }

  /** A scenario over a client of a tenant made elsewhere (when the caller needs the key too, e.g. for REST). */
  static of(client: GatewayClient, platformId: string): Scenario {
    return new Scenario(client, platformId);
  }

  async createMeter(meter: MeterSpec): Promise<void> {
    await this.client.expectData(CREATE_METER, {
      input: {
        reference: meter.reference,
        name: meter.reference,
        values: meter.values.map((v) => (v.type === 'AMOUNT' ? { currency: 'EUR', ...v } : v)),
        metrics: meter.metrics,
      },
    });
    await this.client.expectData(ACTIVATE_METER, { meter: meter.reference });
  }

  /** An active product with its items; returns item reference → id. */
  async createProduct(reference: string, items: ItemSpec[]): Promise<Record<string, string>> {
    await this.client.expectData(`mutation ($r: String!) { createProduct(input: { reference: $r, name: $r }) { id } }`, { r: reference });
    const ids: Record<string, string> = {};
    for (const item of items) {
      const { createProductItem } = await this.client.expectData<{ createProductItem: { id: string } }>(
        `mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id } }`,
        { input: { product: reference, ...item } },
      );
      ids[item.reference] = createProductItem.id;
    }
    await this.client.expectData(`mutation ($r: String!) { changeProductStatus(product: $r, action: ACTIVATE) { status } }`, {
      r: reference,
    });
    return ids;
  }

  /**
   * A monthly EUR plan with one active version per element of `versions` (product item reference → price); recurring
   * and seat items bill in advance. Returns the version ids in order.
   */
  async createPlan(reference: string, versions: Array<Record<string, Price>>, inAdvance: string[] = []): Promise<string[]> {
    const ids: string[] = [];
    for (const prices of versions) {
      let id: string;
      if (ids.length === 0) {
        const { createPricingPlan } = await this.client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
          `mutation ($r: String!) { createPricingPlan(input: { reference: $r, name: $r, currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
          { r: reference },
        );
        id = createPricingPlan.versions[0].id;
      } else {
        const { createPlanVersion } = await this.client.expectData<{ createPlanVersion: { id: string } }>(
          `mutation ($r: String!) { createPlanVersion(plan: $r) { id } }`,
          { r: reference },
        );
        id = createPlanVersion.id;
      }
      for (const [productItem, price] of Object.entries(prices)) {
        await this.client.expectData(`mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`, {
          input: { planVersion: id, productItem, price, ...(inAdvance.includes(productItem) ? { recurringTiming: 'IN_ADVANCE' } : {}) },
        });
      }
      await this.client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, {
        v: id,
      });
      ids.push(id);
    }
    return ids;
  }

  /** An EUR customer; resolves once metering knows it (else its events would be unmatched for a moment). */
  async createCustomer(reference: string, metric: string): Promise<string> {
    const { createCustomer } = await this.client.expectData<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, {
      input: { reference, name: reference, currency: 'EUR' },
    });
    this.customerIds.set(reference, createCustomer.id);
    await waitFor(
      async () =>
        (
          await this.client.send(
            `query ($c: String!, $m: String!) { usage(customer: $c, metric: $m, from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z") { value } }`,
            { c: reference, m: metric },
          )
        ).data,
      'metering to know the customer',
      20_000,
    );
    return createCustomer.id;
  }

  customerId(reference: string): string {
    const id = this.customerIds.get(reference);
    if (!id) throw new Error(`no customer ${reference}`);
    return id;
  }

  /** createSubscription as sent, retried while the plan version is still on its way to subscriptions. */
  async trySubscribe(input: Record<string, unknown>) {
    return waitFor(async () => {
      const response = await this.client.send<{ createSubscription: { id: string; status: string } }>(CREATE_SUBSCRIPTION, { input });
      return NOT_ARRIVED.test(response.errors?.[0]?.message ?? '') ? undefined : response;
    }, 'the plan version to reach subscriptions');
  }

  async subscribe(input: {
    customer: string;
    planVersion: string;
    startAt: string;
    billingAnchor?: string;
    endAt?: string;
    seats?: number;
    draft?: boolean;
  }): Promise<string> {
    const response = await this.trySubscribe(input);
    if (!response.data) throw new Error(`createSubscription: ${JSON.stringify(response.errors)}`);
    return response.data.createSubscription.id;
  }

  /**
   * Customer `acme` on plan `hosting`: one recurring base fee of 120 EUR a month billed in advance, from `startAt`
   * (the meter `calls` exists so acme can be created with a metric). What payment tests start from.
   */
  async monthlyFeeCustomer(startAt: string): Promise<{ customer: string; subscription: string }> {
    await this.createMeter({
      reference: 'calls',
      values: [{ reference: 'n', type: 'NUMBER' }],
      metrics: [{ reference: 'calls_total', aggregation: 'SUM', valueReference: 'n' }],
    });
    await this.createProduct('hosting', [{ reference: 'base', name: 'Base fee', chargeType: 'RECURRING' }]);
    const [version] = await this.createPlan('hosting', [{ base: { model: 'FLAT', amount: '120' } }], ['base']);
    const customer = await this.createCustomer('acme', 'calls_total');
    const subscription = await this.subscribe({ customer: 'acme', planVersion: version, startAt });
    return { customer, subscription };
  }

  /** changeSubscription effective AT `at`, as sent (retried while a new plan version is on its way). */
  async tryChange(subscription: string, at: string, change: { planVersion?: string; seats?: number; overrides?: unknown[] }) {
    return waitFor(async () => {
      const response = await this.client.send(CHANGE, { input: { subscription, effective: 'AT', at, ...change } });
      return NOT_ARRIVED.test(response.errors?.[0]?.message ?? '') ? undefined : response;
    }, 'the plan version to reach subscriptions');
  }

  async change(subscription: string, at: string, change: { planVersion?: string; seats?: number; overrides?: unknown[] }): Promise<void> {
    const response = await this.tryChange(subscription, at, change);
    if (response.errors?.length) throw new Error(`changeSubscription: ${JSON.stringify(response.errors)}`);
  }

  async cancel(subscription: string, at: string): Promise<{ status: string; endAt: string }> {
    const { cancelSubscription } = await this.client.expectData<{ cancelSubscription: { status: string; endAt: string } }>(CANCEL, {
      id: subscription,
      at,
    });
    return cancelSubscription;
  }

  async ingest(events: EventSpec[]): Promise<IngestResult[]> {
    const wire = events.map((e) => ({
      meterReference: e.meter,
      customerReference: e.customer,
      reference: e.reference,
      timestamp: e.timestamp,
      meterValues: [
        ...Object.entries(e.numbers ?? {}).map(([reference, number]) => ({ reference, number })),
        ...Object.entries(e.amounts ?? {}).map(([reference, quantity]) => ({ reference, amount: { currency: 'EUR', quantity } })),
      ],
      ...(e.subscriptionId ? { subscriptionId: e.subscriptionId } : {}),
    }));
    const { ingestUsageEvents } = await this.client.expectData<{ ingestUsageEvents: { results: IngestResult[] } }>(INGEST, {
      events: wire,
    });
    return ingestUsageEvents.results;
  }

  /** Ingests events that must all be accepted (failing the test otherwise). */
  async ingestAccepted(events: EventSpec[]): Promise<void> {
    const results = await this.ingest(events);
    expect(results.map((r) => [r.reference, r.status])).toEqual(events.map((e) => [e.reference, 'ACCEPTED']));
  }

  async usageEvents(filter: Record<string, unknown>): Promise<UsageEventDetails[]> {
    const out: UsageEventDetails[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        usageEvents: { edges: Array<{ node: UsageEventDetails }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = await this.client.expectData(EVENTS, { filter, after });
      out.push(...page.usageEvents.edges.map((e) => e.node));
      if (!page.usageEvents.pageInfo.hasNextPage) return out;
      after = page.usageEvents.pageInfo.endCursor;
    }
  }

  async usageEvent(reference: string): Promise<UsageEventDetails> {
    const [event] = await this.usageEvents({ reference });
    if (!event) throw new Error(`no event ${reference}`);
    return event;
  }

  async invoices(whose: Whose): Promise<Invoice[]> {
    const variables = 'customer' in whose ? { customer: this.customerId(whose.customer) } : { subscription: whose.subscription };
    const { invoices } = await this.client.expectData<{ invoices: { edges: Array<{ node: Invoice }> } }>(INVOICES, variables);
    return invoices.edges.map((e) => e.node);
  }

  async invoice(id: string): Promise<Invoice> {
    return (await this.client.expectData<{ invoice: Invoice }>(INVOICE_BY_ID, { id })).invoice;
  }

  /** The invoice of a kind for the period starting at `periodStart`, once it exists. */
  async invoiceOf(whose: Whose, periodStart: string, kind: Kind = 'SUBSCRIPTION'): Promise<Invoice> {
    const start = new Date(periodStart).toISOString();
    return waitFor(
      async () => (await this.invoices(whose)).find((i) => i.kind === kind && i.periodStart === start),
      `the ${kind} invoice of ${nameOf(whose)} for ${start}`,
      FOLLOWS_WITHIN_MS,
    );
  }

  /**
   * The invoice of a kind for the period starting at `periodStart` once its lines are `expected` (drafts follow usage
   * and changes within seconds); on a timeout, the assertion shows the last lines seen.
   */
  async invoiceWith(whose: Whose, periodStart: string, expected: Expected[], kind: Kind = 'SUBSCRIPTION'): Promise<Invoice> {
    const start = new Date(periodStart).toISOString();
    let last: Invoice | undefined;
    const found = await waitFor(
      async () => {
        last = (await this.invoices(whose)).find((i) => i.kind === kind && i.periodStart === start);
        return last && JSON.stringify(linesOf(last)) === JSON.stringify(expected) && last;
      },
      `the ${kind} invoice of ${nameOf(whose)} for ${start}`,
      FOLLOWS_WITHIN_MS,
    ).catch(() => undefined);
    if (!found) expect(last ? linesOf(last) : `no ${kind} invoice for ${start}`).toEqual(expected);
    return found!;
  }

  /** Issues a draft (pending usage applied first): numbered, immutable. */
  async issue(invoice: Invoice): Promise<Invoice> {
    return (await this.client.expectData<{ issueInvoice: Invoice }>(ISSUE, { id: invoice.id })).issueInvoice;
  }
}

/** Sum of decimal strings with two decimals at most (EUR amounts), exactly, in cents. */
export function sumCents(amounts: string[]): string {
  const cents = amounts.reduce((total, a) => {
    const [whole, fraction = ''] = a.replace('-', '').split('.');
    if (fraction.length > 2) throw new Error(`${a} has more than two decimals`);
    const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
    return total + (a.startsWith('-') ? -value : value);
  }, 0n);
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  const fraction = (abs % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${sign}${abs / 100n}${fraction ? `.${fraction}` : ''}`;
}
