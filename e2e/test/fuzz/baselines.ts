import { waitFor } from '@meterline/kit/testing';
import { Scenario } from '../scenario';
import { newTenant, gatewayClient, type GatewayClient } from '../testkit';

/**
 * The entities a fuzz run needs, seeded once per run in a tenant of its own: a meter, an active product and plan
 * version, a draft version, customers with subscriptions (one with a draft invoice, two with issued ones), an event and
 * an import; plus things a destructive root field may use up (a spare draft version, product, customer). And a second
 * tenant whose ids and references the fuzzer sends as "another tenant's".
 */
export interface Seed {
  client: GatewayClient;
  platformId: string;
  apiKey: string;
  meter: string;
  metric: string;
  draftMeter: string;
  product: string;
  spareProduct: string;
  usageItem: string;
  recurringItem: string;
  plan: string;
  activeVersion: string;
  draftVersion: string;
  spareVersion: string;
  feature: string;
  customer: string;
  customerId: string;
  spareCustomer: string;
  subscription: string;
  draftSubscription: string;
  draftInvoice: string;
  issuedInvoice: string;
  voidableInvoice: string;
  /** A credit note of 1 EUR on the voidable invoice, for refunds. */
  creditNote: string;
  eventId: string;
  importId: string;
  /** A customer import (POST /v1/customer-imports) creating nothing new (its customer exists). */
  recordImportId: string;
  /** A USAGE alert on `customer`, and a spare one deleteAlert uses up. */
  alert: string;
  spareAlert: string;
  /** A pricing simulation of `customer` onto the draft version. */
  pricingSimulation: string;
  /** Webhook endpoints to a closed loopback port: one for every call, a spare to disable and delete; a test message. */
  webhookEndpoint: string;
  spareWebhookEndpoint: string;
  webhookMessage: string;
  /** A report job (INVOICES) of the tenant. */
  reportJob: string;
  /** An uploaded reconciliation file, a completed reconciliation of it and one of its lines. */
  reconciliationFile: string;
  reconciliation: string;
  reconciliationLine: string;
  foreign: { ids: string[]; references: string[] };
}

export const METER = 'api_calls';
export const METRIC = 'api_calls_total';
/**
 * The current month (UTC): subscriptions start there, so each has one open period whose draft stays a draft (the
 * stack runs with a long grace period, see fuzz.test.ts) whatever day the suite runs.
 */
const now = new Date();
const monthStart = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString();
const START = monthStart(0);
const MID = new Date(Date.parse(START) + 14 * 86_400_000).toISOString();
const FROM = START;
const TO = monthStart(1);
const RECONCILIATION_MAPPING = { customerReference: 'customer', periodLabel: 'period', item: 'item', amount: 'amount' };
const LATER = monthStart(2);

async function draftInvoiceOf(client: GatewayClient, subscription: string): Promise<string> {
  return waitFor(
    async () => {
      const data = await client.expectData<{ invoices: { edges: Array<{ node: { id: string } }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { id } } } }`,
        { s: subscription },
      );
      return data.invoices.edges[0]?.node.id;
    },
    `the draft invoice of subscription ${subscription}`,
    30_000,
  );
}

async function issued(client: GatewayClient, invoice: string): Promise<string> {
  await client.expectData(`mutation ($id: ID!) { issueInvoice(id: $id) { id status } }`, { id: invoice });
  return invoice;
}

/** The foreign tenant: a customer, a meter, a product; its ids and references. */
async function seedForeign(platform: { databaseUrl: string; gatewayUrl: string }): Promise<Seed['foreign']> {
  const other = await Scenario.open(platform);
  await other.createMeter({
    reference: 'fuzz-foreign-meter',
    values: [{ reference: 'calls', type: 'NUMBER' }],
    metrics: [{ reference: 'fuzz-foreign-metric', aggregation: 'SUM', valueReference: 'calls' }],
  });
  const { createCustomer } = await other.client.expectData<{ createCustomer: { id: string } }>(
    `mutation { createCustomer(input: { reference: "fuzz-foreign-customer", name: "Foreign", currency: "EUR" }) { id } }`,
  );
  const { createProduct } = await other.client.expectData<{ createProduct: { id: string } }>(
    `mutation { createProduct(input: { reference: "fuzz-foreign-product", name: "Foreign" }) { id } }`,
  );
  return { ids: [createCustomer.id, createProduct.id], references: ['fuzz-foreign-customer', 'fuzz-foreign-product'] };
}

export async function seed(platform: { databaseUrl: string; gatewayUrl: string }): Promise<Seed> {
  const foreign = seedForeign(platform);
  const { apiKey, platformId } = await newTenant(platform.databaseUrl);
  const s = Scenario.of(gatewayClient(platform.gatewayUrl, apiKey), platformId);
  return { ...(await seedWith(s, apiKey, platform, await foreign)), platformId };
}

async function seedWith(
  s: Scenario,
  apiKey: string,
  platform: { gatewayUrl: string },
  foreign: Seed['foreign'],
): Promise<Omit<Seed, 'platformId'>> {
  const client = s.client;
  await s.createMeter({
    reference: METER,
    values: [{ reference: 'calls', type: 'NUMBER' }],
    metrics: [{ reference: METRIC, aggregation: 'SUM', valueReference: 'calls' }],
  });
  await client.expectData(
    `mutation { createMeter(input: { reference: "draft_meter", name: "Draft", values: [{ reference: "v", type: NUMBER }],
      metrics: [{ reference: "draft_total", aggregation: SUM, valueReference: "v" }] }) { id } }`,
  );
  await s.createProduct('fuzz-product', [
    { reference: 'calls', name: 'Calls', chargeType: 'USAGE', meterReference: METER, metricReference: METRIC },
    { reference: 'base', name: 'Base fee', chargeType: 'RECURRING' },
  ]);
  await client.expectData(`mutation { createProduct(input: { reference: "fuzz-spare-product", name: "Spare" }) { id } }`);
  await client.expectData(`mutation { createFeature(input: { reference: "fuzz-feature", name: "Feature" }) { id } }`);
  const [activeVersion] = await s.createPlan('fuzz-plan', [
    { calls: { model: 'PER_UNIT', unitPrice: '0.01' }, base: { model: 'FLAT', amount: '10' } },
  ]);
  const newDraft = async () =>
    (await client.expectData<{ createPlanVersion: { id: string } }>(`mutation { createPlanVersion(plan: "fuzz-plan") { id } }`))
      .createPlanVersion.id;
  const draftVersion = await newDraft();
  const spareVersion = await newDraft();

  const customers = ['fuzz-customer', 'fuzz-customer-b', 'fuzz-customer-c'];
  const ids = await Promise.all(customers.map((c) => s.createCustomer(c, METRIC)));
  await s.createCustomer('fuzz-spare-customer', METRIC);
  const subscriptions = await Promise.all(
    customers.map((customer) => s.subscribe({ customer, planVersion: activeVersion, startAt: START })),
  );
  const draftSubscription = await s.subscribe({ customer: 'fuzz-spare-customer', planVersion: activeVersion, startAt: START, draft: true });
  const [draftInvoice, bInvoice, cInvoice] = await Promise.all(subscriptions.map((id) => draftInvoiceOf(client, id)));
  const [issuedInvoice, voidableInvoice] = await Promise.all([issued(client, bInvoice), issued(client, cInvoice)]);
  const { invoice: voidable } = await client.expectData<{ invoice: { lines: Array<{ id: string; kind: string }> } }>(
    `query ($id: ID!) { invoice(id: $id) { lines { id kind } } }`,
    { id: voidableInvoice },
  );
  const { createCreditNote } = await client.expectData<{ createCreditNote: { id: string } }>(
    `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }`,
    {
      input: {
        invoice: voidableInvoice,
        reason: 'fuzz seed',
        lines: [{ invoiceLine: voidable.lines.find((l) => l.kind === 'RECURRING')!.id, amount: '1' }],
      },
    },
  );

  const [event] = await s.ingest([
    { meter: METER, customer: 'fuzz-customer', reference: 'fuzz-seed-event', timestamp: MID, numbers: { calls: '3' } },
  ]);
  const base = platform.gatewayUrl.replace(/\/graphql$/, '');
  const mapping = encodeURIComponent(
    JSON.stringify({ customer: 'customer', meterReference: METER, values: [{ reference: 'calls', column: 'calls' }] }),
  );
  const upload = await fetch(`${base}/v1/imports?format=csv&mapping=${mapping}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    body: 'customer,calls\nfuzz-customer,1\n',
  });
  if (upload.status !== 202) throw new Error(`seed import: ${upload.status} ${await upload.text()}`);
  const { id: importId } = (await upload.json()) as { id: string };
  const recordUpload = await fetch(`${base}/v1/customer-imports?format=csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    body: 'reference,name,currency\nfuzz-customer,fuzz-customer,EUR\n',
  });
  if (recordUpload.status !== 202) throw new Error(`seed customer import: ${recordUpload.status} ${await recordUpload.text()}`);
  const { id: recordImportId } = (await recordUpload.json()) as { id: string };
  // Invoicing learns of the customer and the metric over NATS: create the alerts once it has.
  const newAlert = (name: string) =>
    waitFor(
      async () =>
        (
          await client.send<{ createAlert: { id: string } }>(`mutation ($input: CreateAlertInput!) { createAlert(input: $input) { id } }`, {
            input: { customer: 'fuzz-customer', kind: 'USAGE', metric: METRIC, name, thresholds: [{ value: '1000' }] },
          })
        ).data?.createAlert.id,
      'invoicing to know the fuzz customer',
      30_000,
    );
  const [alert, spareAlert] = await Promise.all([newAlert('fuzz alert'), newAlert('fuzz spare alert')]);
  // Invoicing learns of the draft version over NATS too.
  const pricingSimulation = await waitFor(
    async () =>
      (
        await client.send<{ createPricingSimulation: { id: string } }>(
          `mutation ($input: CreatePricingSimulationInput!) { createPricingSimulation(input: $input) { id } }`,
          { input: { scope: 'CUSTOMER', customer: 'fuzz-customer', planVersion: draftVersion, from: FROM, to: TO } },
        )
      ).data?.createPricingSimulation.id,
    'invoicing to know the draft version',
    30_000,
  );
  const newEndpoint = async () =>
    (
      await client.expectData<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
        `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/fuzz", eventTypes: ["invoice.issued"] }) { endpoint { id } } }`,
      )
    ).createWebhookEndpoint.endpoint.id;
  const [webhookEndpoint, spareWebhookEndpoint] = [await newEndpoint(), await newEndpoint()];
  const { sendTestWebhook } = await client.expectData<{ sendTestWebhook: { id: string } }>(
    `mutation ($id: ID!) { sendTestWebhook(endpoint: $id) { id } }`,
    { id: webhookEndpoint },
  );
  const { createReport } = await client.expectData<{ createReport: { id: string } }>(`mutation { createReport(report: INVOICES) { id } }`);

  const reconciliationUpload = await fetch(`${base}/v1/reconciliation-files?name=fuzz.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
    body: `customer,period,item,amount\nfuzz-customer,${START.slice(0, 7)},Base fee,1\n`,
  });
  if (reconciliationUpload.status !== 201) throw new Error(`seed reconciliation file: ${reconciliationUpload.status}`);
  const { id: reconciliationFile } = (await reconciliationUpload.json()) as { id: string };
  const { startReconciliation } = await client.expectData<{ startReconciliation: { id: string } }>(
    `mutation ($input: StartReconciliationInput!) { startReconciliation(input: $input) { id } }`,
    { input: { fileId: reconciliationFile, mapping: RECONCILIATION_MAPPING } },
  );
  const reconciliationLine = await waitFor(
    async () =>
      (
        await client.expectData<{ reconciliation: { lines: { edges: Array<{ node: { id: string } }> } } }>(
          `query ($id: ID!) { reconciliation(id: $id) { lines(first: 1) { edges { node { id } } } } }`,
          { id: startReconciliation.id },
        )
      ).reconciliation.lines.edges[0]?.node.id,
    'the seed reconciliation to complete',
    30_000,
  );

  return {
    client,
    apiKey,
    meter: METER,
    metric: METRIC,
    draftMeter: 'draft_meter',
    product: 'fuzz-product',
    spareProduct: 'fuzz-spare-product',
    usageItem: 'calls',
    recurringItem: 'base',
    plan: 'fuzz-plan',
    activeVersion,
    draftVersion,
    spareVersion,
    feature: 'fuzz-feature',
    customer: 'fuzz-customer',
    customerId: ids[0],
    spareCustomer: 'fuzz-spare-customer',
    subscription: subscriptions[0],
    draftSubscription,
    draftInvoice,
    issuedInvoice,
    voidableInvoice,
    creditNote: createCreditNote.id,
    eventId: event.eventId!,
    importId,
    recordImportId,
    alert,
    spareAlert,
    pricingSimulation,
    webhookEndpoint,
    spareWebhookEndpoint,
    webhookMessage: sendTestWebhook.id,
    reportJob: createReport.id,
    reconciliationFile,
    reconciliation: startReconciliation.id,
    reconciliationLine,
    foreign: { ...foreign, ids: [...foreign.ids] },
  };
}

const PER_UNIT = { model: 'PER_UNIT', unitPrice: '0.5' };

/**
 * A valid call of every root field, as argument values: the fuzzer changes one argument or input field of it at a time.
 * `n` numbers the call, so that creations get a fresh reference each time (a repeat would only meet CONFLICT).
 * Destructive fields use their own spare entities, and states whose change would end the other calls' validity are
 * avoided where the API allows (a refused status transition still runs every validation before it).
 */
/** An id no dead letter has. */
const NO_DEAD_LETTER = '6f1c2a52-5f43-4d0e-9d1f-0a3f6c1b2e99';

export function baselines(s: Seed): Record<string, (n: number) => Record<string, unknown>> {
  const meterInput = (reference: string) => ({
    reference,
    name: 'Meter',
    values: [{ reference: 'calls', type: 'NUMBER' }],
    metrics: [{ reference: `${reference}_total`, aggregation: 'SUM', valueReference: 'calls' }],
  });
  return {
    // Query
    features: () => ({ first: 10 }),
    pricingPlan: () => ({ plan: s.plan }),
    pricingPlans: () => ({ first: 10 }),
    planVersion: () => ({ id: s.activeVersion }),
    previewPrice: () => ({ usage: { quantity: '10' }, currency: 'EUR', price: PER_UNIT }),
    previewPlanVersionPrice: () => ({ usage: { quantity: '10' }, productItem: s.usageItem, planVersion: s.activeVersion }),
    product: () => ({ product: s.product }),
    products: () => ({ first: 10, includeArchived: false }),
    productItem: () => ({ productItem: s.usageItem }),
    invoice: () => ({ id: s.draftInvoice }),
    invoices: () => ({ first: 10, customer: s.customerId }),
    billingEntities: () => ({ first: 10 }),
    billingEntity: () => ({ billingEntity: 'default' }),
    usage: () => ({ metric: s.metric, from: FROM, to: TO, granularity: 'DAY', customer: s.customer }),
    meter: () => ({ meter: s.meter }),
    meters: () => ({ first: 10, includeArchived: false }),
    usageEvent: () => ({ id: s.eventId }),
    usageEvents: () => ({ first: 10, filter: { customerReference: s.customer } }),
    eventImport: () => ({ id: s.importId }),
    eventImports: () => ({ newestFirst: true, first: 10 }),
    recordImport: () => ({ id: s.recordImportId }),
    customer: () => ({ reference: s.customer }),
    customers: () => ({ first: 10, search: 'fuzz', includeArchived: false }),
    subscription: () => ({ id: s.subscription }),
    platformSettings: () => ({}),
    subscriptions: () => ({ first: 10, customer: s.customer }),
    meteringDeadLetters: () => ({ first: 10 }),
    subscriptionsDeadLetters: () => ({ first: 10 }),
    invoicingDeadLetters: () => ({ first: 10 }),
    // No message of the seed is dead-lettered: a replay answers NOT_FOUND (the wrong values are checked before that).
    replayMeteringDeadLetter: () => ({ id: NO_DEAD_LETTER }),
    replaySubscriptionsDeadLetter: () => ({ id: NO_DEAD_LETTER }),
    replayInvoicingDeadLetter: () => ({ id: NO_DEAD_LETTER }),
    webhooksDeadLetters: () => ({ first: 10 }),
    replayWebhooksDeadLetter: () => ({ id: NO_DEAD_LETTER }),
    // webhooks
    webhookEndpoints: () => ({ first: 10 }),
    webhookEndpoint: () => ({ id: s.webhookEndpoint }),
    webhookMessage: () => ({ id: s.webhookMessage }),
    webhookEventTypes: () => ({}),
    createWebhookEndpoint: () => ({ input: { url: 'http://127.0.0.1:9/fuzz', eventTypes: ['invoice.issued'], description: 'fuzz' } }),
    updateWebhookEndpoint: () => ({ input: { description: 'fuzz endpoint' }, id: s.webhookEndpoint }),
    rotateWebhookEndpointSecret: () => ({ id: s.webhookEndpoint }),
    enableWebhookEndpoint: () => ({ id: s.webhookEndpoint }),
    disableWebhookEndpoint: () => ({ id: s.spareWebhookEndpoint }),
    deleteWebhookEndpoint: () => ({ id: s.spareWebhookEndpoint }),
    sendTestWebhook: () => ({ endpoint: s.webhookEndpoint }),
    replayWebhookMessage: () => ({ id: s.webhookMessage }),
    replayFailedWebhookMessages: () => ({ endpoint: s.webhookEndpoint, since: START }),
    // Mutation: catalog
    createFeature: (n) => ({ input: { reference: `fuzz-f${n}`, name: 'Feature' } }),
    createPricingPlan: (n) => ({ input: { reference: `fuzz-p${n}`, name: 'Plan', currency: 'EUR', billingPeriod: 'MONTH' } }),
    createPlanVersion: () => ({ plan: s.plan }),
    updatePlanVersion: () => ({ input: { planVersion: s.draftVersion } }),
    setPrice: () => ({ input: { planVersion: s.draftVersion, productItem: s.usageItem, price: PER_UNIT } }),
    removePrice: () => ({ productItem: s.recurringItem, planVersion: s.draftVersion }),
    setEntitlement: () => ({ input: { planVersion: s.draftVersion, feature: s.feature, enabled: true } }),
    removeEntitlement: () => ({ feature: s.feature, planVersion: s.draftVersion }),
    changePlanVersionStatus: () => ({ action: 'RESTORE', planVersion: s.activeVersion }),
    deletePlanVersion: () => ({ planVersion: s.spareVersion }),
    createProduct: (n) => ({ input: { reference: `fuzz-pr${n}`, name: 'Product' } }),
    changeProductStatus: () => ({ action: 'RESTORE', product: s.product }),
    deleteProduct: () => ({ product: s.spareProduct }),
    reorderProducts: () => ({ products: [s.product, s.spareProduct] }),
    createProductItem: (n) => ({ input: { product: s.product, reference: `fuzz-i${n}`, name: 'Item', chargeType: 'RECURRING' } }),
    reorderProductItems: () => ({ items: [s.usageItem, s.recurringItem], product: s.product }),
    // invoicing
    issueInvoice: () => ({ id: s.draftInvoice }),
    markInvoicePaid: () => ({ id: s.issuedInvoice }),
    voidInvoice: () => ({ reason: 'fuzz', id: s.voidableInvoice }),
    createCreditNote: () => ({ input: { invoice: s.issuedInvoice, reason: 'fuzz' } }),
    // a cent at a time, each under its own reference: the invoice keeps an amount due for the calls after it
    recordPayment: (n) => ({
      input: { invoice: s.issuedInvoice, amount: '0.01', paidAt: START, method: 'BANK_TRANSFER', reference: `fuzz-p${n}` },
    }),
    recordRefund: (n) => ({
      input: { creditNote: s.creditNote, amount: '0.01', refundedAt: START, method: 'BANK_TRANSFER', reference: `fuzz-r${n}` },
    }),
    alert: () => ({ id: s.alert }),
    alerts: () => ({ first: 10, customer: s.customer }),
    alertTriggers: () => ({ first: 10, since: START, customer: s.customer }),
    createAlert: (n) => ({
      input: {
        customer: s.customer,
        subscription: s.subscription,
        kind: 'USAGE',
        metric: s.metric,
        name: `fuzz alert ${n}`,
        thresholds: [{ value: '10', label: 'ten' }, { value: '100.5' }],
      },
    }),
    updateAlert: () => ({ input: { id: s.alert, name: 'fuzz alert', thresholds: [{ value: '1000' }] } }),
    deleteAlert: () => ({ id: s.spareAlert }),
    pricingSimulation: () => ({ id: s.pricingSimulation }),
    createPricingSimulation: (n) => ({
      input: {
        scope: 'CUSTOMER',
        customer: s.customer,
        plan: s.plan,
        planVersion: s.draftVersion,
        from: FROM,
        to: TO,
        idempotencyKey: `fuzz-simulation-${n}`,
      },
    }),
    reconciliation: () => ({ id: s.reconciliation }),
    reconciliations: () => ({ first: 10 }),
    startReconciliation: () => ({
      input: { fileId: s.reconciliationFile, mapping: RECONCILIATION_MAPPING, itemAliases: [{ theirs: 'Old fee', ours: 'Base fee' }] },
    }),
    markReconciliationLinesReviewed: () => ({
      input: { reconciliationId: s.reconciliation, lineIds: [s.reconciliationLine], reviewed: true },
    }),
    // disabled: a fuzzed call never makes the collector charge anything
    updateStripeSettings: () => ({ input: { secretKey: 'sk_test_fuzz00000001', webhookSecret: 'whsec_fuzz00000001', enabled: false } }),
    setCustomerPaymentMethod: () => ({ input: { customer: s.customer, provider: 'STRIPE', paymentMethod: 'pm_card_visa' } }),
    updateInvoicingSettings: () => ({ input: { paymentTermsDays: 30, gracePeriodSeconds: 86_400 } }),
    sendInvoiceEmail: () => ({ invoice: s.issuedInvoice, to: 'fuzz@example.test' }),
    sendCreditNoteEmail: () => ({ creditNote: s.creditNote, to: 'fuzz@example.test' }),
    updateEmailDeliverySettings: () => ({ input: { enabled: false } }),
    report: () => ({ id: s.reportJob }),
    reports: () => ({ first: 10 }),
    createReport: () => ({
      report: 'INVOICE_LINES',
      filters: { from: FROM, to: TO, statuses: ['DRAFT', 'ISSUED'], customer: s.customer, plan: s.plan },
    }),
    // every platform has its default entity (code "default"); creations get prefixes of their own (unique per platform)
    createBillingEntity: (n) => ({
      input: {
        code: `fuzz-be${n}`,
        legalName: 'Fuzz B.V.',
        address: { line1: 'Main 1', city: 'Amsterdam', country: 'NL' },
        invoiceNumberPrefix: `FZ${n}-`,
        creditNoteNumberPrefix: `FZC${n}-`,
        paymentTermsDays: 14,
        currency: 'EUR',
        locale: 'nl-NL',
        timeZone: 'Europe/Amsterdam',
        emailFrom: 'billing@fuzz.example',
      },
    }),
    updateBillingEntity: () => ({ billingEntity: 'default', input: { legalName: 'Fuzz Billing B.V.', taxId: 'NL0001' } }),
    setDefaultBillingEntity: () => ({ billingEntity: 'default' }),
    assignBillingEntity: () => ({ customer: s.customer, billingEntity: 'default' }),
    // metering
    createMeter: (n) => ({ input: meterInput(`fuzz_m${n}`) }),
    updateMeter: () => ({ input: meterInput(s.draftMeter), meter: s.draftMeter }),
    changeMeterStatus: () => ({ action: 'RESTORE', meter: s.meter }),
    reprocessUnmatchedEvents: () => ({ filter: { customerReference: 'fuzz-nobody' } }),
    ingestUsageEvents: (n) => ({
      events: [
        {
          meterReference: s.meter,
          customerReference: s.customer,
          reference: `fuzz-e${n}`,
          timestamp: MID,
          meterValues: [{ reference: 'calls', number: '1' }],
          properties: { region: 'eu' },
        },
      ],
    }),
    // subscriptions
    createCustomer: (n) => ({ input: { reference: `fuzz-c${n}`, name: 'Customer', currency: 'EUR' } }),
    updateCustomer: () => ({ input: { name: 'Fuzz customer' }, customer: s.customer }),
    archiveCustomer: () => ({ customer: s.spareCustomer }),
    createSubscription: () => ({ input: { customer: s.spareCustomer, planVersion: s.activeVersion, startAt: START, draft: true } }),
    activateSubscription: () => ({ subscription: s.draftSubscription }),
    changeSubscription: () => ({ input: { subscription: s.subscription, effective: 'AT', at: MID, seats: 2 } }),
    cancelSubscription: () => ({ at: LATER, effective: 'AT', subscription: s.subscription }),
    reactivateSubscription: () => ({ subscription: s.subscription }),
    // the most a platform may set: an accepted wrong value (a shorter limit) is fuzzed last, see DESTRUCTIVE_LAST
    updateSubscriptionSettings: () => ({ input: { maxBackdateDays: 3660 } }),
    // the seed platform is a production one: every date is refused (FORBIDDEN, field to), its time never moves;
    // sandboxes' answers (forward only, bounded) are sandbox-clock.test.ts's
    advanceSandboxClock: () => ({ to: LATER }),
  };
}

/**
 * Root fields whose accepted call uses something up (deletes, archives, issues, pays, voids, cancels): fuzzed last, in
 * this order, so that the others meet the seed as it was.
 */
export const DESTRUCTIVE_LAST = [
  // paid first: a credit note for all that is left would settle the invoice itself
  'markInvoicePaid',
  'createCreditNote',
  'voidInvoice',
  'issueInvoice',
  'deletePlanVersion',
  'deleteProduct',
  'deleteAlert',
  'activateSubscription',
  'archiveCustomer',
  'cancelSubscription',
  'reactivateSubscription',
  // a shorter backdating limit would refuse the seed's dates in every subscription call after it
  'updateSubscriptionSettings',
  // the spare endpoint: disabled, then deleted
  'disableWebhookEndpoint',
  'deleteWebhookEndpoint',
];

/**
 * Where an accepted argument shows in the answer under another name; '' where the same name does not show it
 * (a change at an instant shows in the phases from then on, `seats` is the count in force now).
 */
export const ECHO_ALIASES: Record<string, string> = {
  'voidInvoice.reason': 'voidReason',
  'cancelSubscription.at': 'endAt',
  'changeSubscription.input.seats': '',
  'changeSubscription.input.planVersion': '',
};
