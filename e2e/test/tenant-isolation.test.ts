import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { readSupergraph } from '@meterline/contracts';
import { subgraphClient, waitFor, type GraphQLResponse } from '@meterline/kit/testing';
import { Client } from 'pg';
import { buildSchema, isObjectType, Kind, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import {
  ACTIVATE_METER,
  CREATE_CUSTOMER,
  CREATE_METER,
  gatewayClient,
  INGEST,
  newTenant,
  startPlatform,
  type GatewayClient,
} from './testkit';

/**
 * Issue 7, point 2: tenant isolation, tested field by field. Platform A gets one object of every kind; platform B
 * (with a world of its own, for the attempts that mix B's objects with A's) tries every root query and mutation of the
 * supergraph against A's objects, by id and by reference, and every entity reference directly at the owning subgraph.
 *
 * What proves isolation: B's answer for A's object is the answer for an object that does not exist (same data, same
 * error code, field and message, the id or reference in the message aside), it carries nothing of A's that B did not
 * send, and after a mutation A's data is exactly what it was. Each attempt is also checked to be a real one: the missing
 * object gives what the case says (null, empty, NOT_FOUND…), and for queries A itself sees its object the same way.
 *
 * The tables QUERIES, MUTATIONS and ENTITIES hold one case per root field and per (@key entity, subgraph) of
 * contracts/supergraph.graphql, UNKEYED the types with an id that no subgraph resolves by reference; a field, entity or
 * type without a case, or a case without one, fails the first test (which needs no stack: `-t table`).
 */

const APRIL = { from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' };
const NOW = '2026-04-10T12:00:00Z';

type Vars = Record<string, unknown>;
/** The values of one attempt that name A's objects: each is swapped for a value naming nothing, for the comparison. */
type Slots = Record<string, string>;
type Response = GraphQLResponse<Record<string, unknown>>;
/** What is wrong with a response to an attempt at `field`; undefined when nothing is. */
type Check = (response: Response, field: string) => string | undefined;

interface Ref {
  id: string;
  reference: string;
}

/** One platform's objects, one of every kind, created through the gateway. */
interface World {
  name: string;
  platformId: string;
  apiKey: string;
  client: GatewayClient;
  meter: Ref;
  draftMeter: Ref;
  /** The active meter's SUM metric. */
  metric: string;
  feature: Ref;
  product: Ref;
  feeItem: Ref;
  callsItem: Ref;
  draftProduct: Ref;
  plan: Ref;
  /** ACTIVE, priced, with an entitlement. */
  version: string;
  /** DRAFT copy of `version`. */
  draftVersion: string;
  customer: Ref & { name: string };
  otherCustomer: Ref;
  subscription: string;
  issuedSubscription: string;
  draftSubscription: string;
  matchedEvent: Ref & { timestamp: string; receivedAt: string };
  unmatchedEvent: Ref & { customerReference: string };
  eventImport: string;
  /** A customer import (POST /v1/customer-imports), completed. */
  recordImport: string;
  /** The draft of `subscription` for April, billing the usage. */
  draftInvoice: string;
  /** `issuedSubscription`'s April invoice, issued early, with a credit note for part of `issuedLine`. */
  issuedInvoice: string;
  issuedLine: string;
  creditNote: string;
  /** A billing entity (its code is its reference) that bills `customer`. */
  billingEntity: Ref;
  /** One dead letter per consuming service (a message that service gave up on). */
  deadLetters: Record<DeadLetterService, string>;
  /** A USAGE alert on `customer` (threshold 1 call, fired by the usage) and its trigger; a SPEND alert on `otherCustomer`. */
  alert: string;
  alertTrigger: string;
  spendAlert: string;
  /** A completed pricing simulation of `customer` onto `draftVersion`. */
  pricingSimulation: string;
  /** A webhook endpoint (to a closed loopback port) with one test message. */
  webhookEndpoint: string;
  webhookMessage: string;
  /** A report job (invoice lines of `customer`). */
  reportJob: string;
  /** A completed reconciliation of a one-line file against `customer`'s April draft, and its line. */
  reconciliationFile: string;
  reconciliation: string;
  reconciliationLine: string;
}

const DEAD_LETTER_SERVICES = ['metering', 'subscriptions', 'invoicing', 'webhooks'] as const;
type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];
const capitalized = (service: string) => service.charAt(0).toUpperCase() + service.slice(1);

// ───────────────────────────── checks of what a missing object gives ─────────────────────────────

/** The value at a dotted path (`edges.0.node.id`) of a parsed JSON value. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

const show = (value: unknown) => JSON.stringify(value);

const isNull: Check = (r, field) => (!r.errors && r.data && r.data[field] === null ? undefined : `${field} should be null`);

const isEmpty: Check = (r, field) =>
  !r.errors && at(r.data, `${field}.totalCount`) === 0 && (at(r.data, `${field}.edges`) as unknown[] | undefined)?.length === 0
    ? undefined
    : `${field} should be an empty connection`;

/** An error with this code (and field), and no data for the field. */
const fails =
  (code: string, errorField?: string): Check =>
  (r, field) => {
    const error = r.errors?.[0];
    const ok =
      r.errors?.length === 1 &&
      error?.extensions?.code === code &&
      (errorField === undefined || error.extensions?.field === errorField) &&
      (r.data?.[field] ?? null) === null;
    return ok ? undefined : `should fail with ${code}${errorField ? ` on ${errorField}` : ''}`;
  };
const notFound = (errorField?: string) => fails('NOT_FOUND', errorField);
const badInput = (errorField: string) => fails('BAD_USER_INPUT', errorField);

/** No error, and the field's value passes `test`. */
const holds =
  (what: string, test: (value: unknown) => boolean): Check =>
  (r, field) =>
    !r.errors && r.data && test(r.data[field]) ? undefined : `${field} should be ${what}`;

const created = holds('the created object', (v) => typeof at(v, 'id') === 'string');

/** An entity answer: `_entities: [null]` with a NOT_FOUND error. */
const entityNotFound: Check = (r) =>
  r.errors?.[0]?.extensions?.code === 'NOT_FOUND' && isDeepStrictEqual(r.data?._entities, [null])
    ? undefined
    : '_entities should be [null] with NOT_FOUND';
const entityHolds =
  (what: string, test: (entity: unknown) => boolean): Check =>
  (r) =>
    !r.errors && test(at(r.data, '_entities.0')) ? undefined : `the entity should be ${what}`;

// ───────────────────────────── the tables ─────────────────────────────

/** One attempt of B at A's object(s). */
interface Probe {
  what: string;
  query: string;
  /** A's ids and references this attempt uses. */
  slots: (a: World) => Slots;
  /** The variables, from the slots and the caller's own world (B for the attempt; A for the check that it sees its object). */
  variables: (slots: Slots, own: World) => Vars;
  /** What a missing object gives. */
  absent: Check;
}

/** A list without a foreign argument: B's holds none of A's objects (and some of B's). */
interface ListProbe {
  what: string;
  query: string;
  count: (data: Record<string, unknown> | undefined) => number;
}

interface FieldCase {
  /** A's objects look exactly like missing ones. */
  absent?: Probe[];
  lists?: ListProbe[];
  /**
   * Creations with A's references: references are unique per platform only, so reusing A's must work exactly as a new
   * one does (a CONFLICT would tell B that A has it). Run last, once nothing else looks A's references up in B.
   */
  fresh?: Probe[];
  /** Why the field takes nothing of another platform. */
  notApplicable?: string;
}

/** The same attempt by id and by reference (APIs that take an id also take the reference, DESIGN §3). */
function byIdAndReference(
  query: string,
  variable: string,
  pick: (a: World) => Ref,
  absent: Check,
  extra: (own: World) => Vars = () => ({}),
): Probe[] {
  return (['id', 'reference'] as const).map((key) => ({
    what: `by ${key}`,
    query,
    slots: (a) => ({ target: pick(a)[key] }),
    variables: (s, own) => ({ [variable]: s.target, ...extra(own) }),
    absent,
  }));
}

const count = (path: string) => (data: Record<string, unknown> | undefined) => (at(data, path) as unknown[] | undefined)?.length ?? 0;

const USAGE_WINDOW = `from: "${APRIL.from}", to: "${APRIL.to}"`;

const QUERIES: Record<string, FieldCase> = {
  ...Object.fromEntries(
    DEAD_LETTER_SERVICES.map((service): [string, FieldCase] => [
      `${service}DeadLetters`,
      {
        lists: [
          {
            what: 'all',
            query: `{ ${service}DeadLetters(first: 100) { totalCount edges { node { id type error payload } } } }`,
            count: count(`${service}DeadLetters.edges`),
          },
        ],
      },
    ]),
  ),
  webhookEndpoints: {
    lists: [
      {
        what: 'all',
        query: '{ webhookEndpoints(first: 100) { totalCount edges { node { id url description messages(first: 10) { totalCount } } } } }',
        count: count('webhookEndpoints.edges'),
      },
    ],
  },
  webhookEndpoint: {
    absent: [
      {
        what: "A's endpoint",
        query: 'query ($id: ID!) { webhookEndpoint(id: $id) { id url messages(first: 10) { totalCount edges { node { id body } } } } }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: isNull,
      },
    ],
  },
  webhookMessage: {
    absent: [
      {
        what: "A's message",
        query: 'query ($id: ID!) { webhookMessage(id: $id) { id webhookId body attempts { statusCode } endpoint { id url } } }',
        slots: (a) => ({ message: a.webhookMessage }),
        variables: (s) => ({ id: s.message }),
        absent: isNull,
      },
    ],
  },
  reconciliation: {
    absent: [
      {
        what: "A's reconciliation",
        query:
          'query ($id: ID!) { reconciliation(id: $id) { id status file { id } lines { totalCount edges { node { id } } } customerTotals { ours } } }',
        slots: (a) => ({ reconciliation: a.reconciliation }),
        variables: (s) => ({ id: s.reconciliation }),
        absent: isNull,
      },
    ],
  },
  reconciliations: {
    lists: [
      {
        what: 'all',
        query: '{ reconciliations(first: 100) { totalCount edges { node { id file { id } } } } }',
        count: count('reconciliations.edges'),
      },
    ],
  },
  webhookEventTypes: { notApplicable: 'takes no id: the catalogue of event types, the same for every platform' },
  features: {
    lists: [
      {
        what: 'all',
        query: '{ features(first: 100) { totalCount edges { node { id reference name } } } }',
        count: count('features.edges'),
      },
    ],
  },
  pricingPlan: {
    absent: byIdAndReference(
      'query ($plan: String!) { pricingPlan(plan: $plan) { id reference name versions { id status } } }',
      'plan',
      (a) => a.plan,
      isNull,
    ),
  },
  pricingPlans: {
    lists: [
      {
        what: 'all',
        query: '{ pricingPlans(first: 100) { totalCount edges { node { id reference versions { id } } } } }',
        count: count('pricingPlans.edges'),
      },
    ],
  },
  planVersion: {
    absent: (['version', 'draftVersion'] as const).map((key) => ({
      what: key === 'version' ? 'an active version' : 'a draft version',
      query: 'query ($id: ID!) { planVersion(id: $id) { id status currency prices { productItem { id } } plan { id } } }',
      slots: (a) => ({ version: a[key] }),
      variables: (s) => ({ id: s.version }),
      absent: isNull,
    })),
  },
  previewPrice: { notApplicable: 'prices a price given in the request; it reads no stored object' },
  billingEntity: {
    absent: byIdAndReference(
      'query ($e: String!) { billingEntity(billingEntity: $e) { id code currentVersion { legalName } } }',
      'e',
      (a) => a.billingEntity,
      isNull,
    ),
  },
  billingEntities: {
    lists: [
      {
        what: 'all',
        query: '{ billingEntities(first: 100) { totalCount edges { node { id code currentVersion { id legalName } } } } }',
        count: count('billingEntities.edges'),
      },
    ],
  },
  platformSettings: {
    notApplicable: 'takes no argument: the caller’s own platform only (another platform’s id: PlatformSettings entities)',
  },
  previewPlanVersionPrice: {
    absent: [
      {
        what: "A's version and A's item",
        query: `query ($v: ID!, $i: String!) { previewPlanVersionPrice(planVersion: $v, productItem: $i, usage: { quantity: "10" }) {
          amount { amount currency } exactAmount } }`,
        slots: (a) => ({ version: a.version, item: a.callsItem.id }),
        variables: (s) => ({ v: s.version, i: s.item }),
        absent: notFound('planVersion'),
      },
      {
        what: "A's version and B's item",
        query: `query ($v: ID!, $i: String!) { previewPlanVersionPrice(planVersion: $v, productItem: $i, usage: { quantity: "10" }) {
          amount { amount } } }`,
        slots: (a) => ({ version: a.version }),
        variables: (s, own) => ({ v: s.version, i: own.callsItem.id }),
        absent: notFound('planVersion'),
      },
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's version and A's item by ${key}`,
        query: `query ($v: ID!, $i: String!) { previewPlanVersionPrice(planVersion: $v, productItem: $i, usage: { quantity: "10" }) {
            amount { amount } } }`,
        slots: (a) => ({ item: a.callsItem[key] }),
        variables: (s, own) => ({ v: own.version, i: s.item }),
        absent: notFound('productItem'),
      })),
    ],
  },
  product: {
    absent: [
      ...byIdAndReference(
        'query ($p: String!) { product(product: $p) { id reference name status items { id reference } } }',
        'p',
        (a) => a.product,
        isNull,
      ),
      ...byIdAndReference('query ($p: String!) { product(product: $p) { id status } }', 'p', (a) => a.draftProduct, isNull).map((p) => ({
        ...p,
        what: `a draft product ${p.what}`,
      })),
    ],
  },
  products: {
    lists: [
      {
        what: 'all, archived included',
        query: '{ products(first: 100, includeArchived: true) { totalCount edges { node { id reference items { id reference } } } } }',
        count: count('products.edges'),
      },
    ],
  },
  productItem: {
    absent: byIdAndReference(
      'query ($i: String!) { productItem(productItem: $i) { id reference name product { id } } }',
      'i',
      (a) => a.callsItem,
      isNull,
    ),
  },
  invoice: {
    absent: (['draftInvoice', 'issuedInvoice'] as const).map((key) => ({
      what: key === 'draftInvoice' ? 'a draft' : 'an issued invoice',
      query: 'query ($id: ID!) { invoice(id: $id) { id number status total { amount } customer { id } lines { id } creditNotes { id } } }',
      slots: (a) => ({ invoice: a[key] }),
      variables: (s) => ({ id: s.invoice }),
      absent: isNull,
    })),
  },
  alert: {
    absent: (['alert', 'spendAlert'] as const).map((key) => ({
      what: key === 'alert' ? 'a usage alert that fired' : 'a spend alert',
      query: 'query ($id: ID!) { alert(id: $id) { id name kind customer { id } triggers { totalCount edges { node { id value } } } } }',
      slots: (a) => ({ alert: a[key] }),
      variables: (s) => ({ id: s.alert }),
      absent: isNull,
    })),
  },
  alerts: {
    lists: [
      { what: 'all', query: '{ alerts(first: 100) { totalCount edges { node { id customer { id } } } } }', count: count('alerts.edges') },
    ],
    absent: byIdAndReference(
      'query ($c: ID!) { alerts(customer: $c) { totalCount edges { node { id } } } }',
      'c',
      (a) => a.customer,
      isEmpty,
    ).map((p) => ({ ...p, what: `of A's customer ${p.what}` })),
  },
  report: {
    absent: [
      {
        what: "A's report job",
        query: 'query ($id: ID!) { report(id: $id) { id report status rowsWritten downloadPath filters { customer } } }',
        slots: (a) => ({ report: a.reportJob }),
        variables: (s) => ({ id: s.report }),
        absent: isNull,
      },
    ],
  },
  pricingSimulation: {
    absent: [
      {
        what: "A's completed simulation",
        query: `query ($id: ID!) { pricingSimulation(id: $id) { id status customer { id } totals { current { amount } }
          customerTotals { customer { id } } periods(first: 10) { totalCount edges { node { invoice { id } lines { description } } } } } }`,
        slots: (a) => ({ simulation: a.pricingSimulation }),
        variables: (s) => ({ id: s.simulation }),
        absent: isNull,
      },
    ],
  },
  reports: {
    lists: [{ what: 'all', query: '{ reports(first: 100) { totalCount edges { node { id } } } }', count: count('reports.edges') }],
  },
  alertTriggers: {
    lists: [
      {
        what: 'all',
        query: '{ alertTriggers(first: 100) { totalCount edges { node { id value alert { id } } } } }',
        count: count('alertTriggers.edges'),
      },
    ],
    absent: byIdAndReference(
      'query ($c: ID!) { alertTriggers(customer: $c) { totalCount edges { node { id } } } }',
      'c',
      (a) => a.customer,
      isEmpty,
    ).map((p) => ({ ...p, what: `of A's customer ${p.what}` })),
  },
  invoices: {
    lists: [
      {
        what: 'all',
        query: '{ invoices(first: 100) { totalCount edges { node { id number customer { id } } } } }',
        count: count('invoices.edges'),
      },
    ],
    absent: [
      {
        what: "of A's customer",
        query: 'query ($c: ID!) { invoices(customer: $c) { totalCount edges { node { id } } } }',
        slots: (a) => ({ customer: a.otherCustomer.id }),
        variables: (s) => ({ c: s.customer }),
        absent: isEmpty,
      },
      {
        what: "of A's subscription",
        query: 'query ($s: ID!) { invoices(subscription: $s) { totalCount edges { node { id } } } }',
        slots: (a) => ({ subscription: a.subscription }),
        variables: (s) => ({ s: s.subscription }),
        absent: isEmpty,
      },
    ],
  },
  usage: {
    absent: [
      ...byIdAndReference(
        `query ($c: String!, $m: String!) { usage(customer: $c, metric: $m, ${USAGE_WINDOW}) { metric value } }`,
        'c',
        (a) => a.customer,
        notFound('customer'),
        (own) => ({ m: own.metric }),
      ).map((p) => ({ ...p, what: `A's customer ${p.what}, B's metric` })),
      {
        what: "B's customer, A's metric",
        query: `query ($c: String!, $m: String!) { usage(customer: $c, metric: $m, ${USAGE_WINDOW}) { metric value } }`,
        slots: (a) => ({ metric: a.metric }),
        variables: (s, own) => ({ c: own.customer.reference, m: s.metric }),
        absent: notFound('metric'),
      },
    ],
  },
  meter: {
    absent: [
      ...byIdAndReference(
        'query ($m: String!) { meter(meter: $m) { id reference status metrics { reference } } }',
        'm',
        (a) => a.meter,
        isNull,
      ),
      ...byIdAndReference('query ($m: String!) { meter(meter: $m) { id status } }', 'm', (a) => a.draftMeter, isNull).map((p) => ({
        ...p,
        what: `a draft meter ${p.what}`,
      })),
    ],
  },
  meters: {
    lists: [
      {
        what: 'all, archived included',
        query: '{ meters(first: 100, includeArchived: true) { totalCount edges { node { id reference metrics { reference } } } } }',
        count: count('meters.edges'),
      },
    ],
  },
  usageEvent: {
    absent: (['matchedEvent', 'unmatchedEvent'] as const).map((key) => ({
      what: key === 'matchedEvent' ? 'a matched event' : 'an unmatched event',
      query: 'query ($id: ID!) { usageEvent(id: $id) { id reference status customerReference customer { id } } }',
      slots: (a) => ({ event: a[key].id }),
      variables: (s) => ({ id: s.event }),
      absent: isNull,
    })),
  },
  usageEvents: {
    lists: [
      {
        what: 'all',
        query: '{ usageEvents(first: 100) { totalCount edges { node { id reference customerReference meterReference } } } }',
        count: count('usageEvents.edges'),
      },
    ],
    absent: (
      [
        ["A's customer reference", 'customerReference', (a: World) => a.customer.reference],
        ["A's unmatched customer reference", 'customerReference', (a: World) => a.unmatchedEvent.customerReference],
        ["A's meter reference", 'meterReference', (a: World) => a.meter.reference],
        ["A's event reference", 'reference', (a: World) => a.matchedEvent.reference],
      ] as const
    ).map(([what, filter, pick]) => ({
      what: `filtered by ${what}`,
      query: 'query ($f: UsageEventFilter) { usageEvents(filter: $f) { totalCount edges { node { id reference } } } }',
      slots: (a: World) => ({ value: pick(a) }),
      variables: (s: Slots) => ({ f: { [filter]: s.value } }),
      absent: isEmpty,
    })),
  },
  eventImport: {
    absent: [
      {
        what: 'by id',
        query: 'query ($id: ID!) { eventImport(id: $id) { id status accepted checksum } }',
        slots: (a) => ({ eventImport: a.eventImport }),
        variables: (s) => ({ id: s.eventImport }),
        absent: isNull,
      },
    ],
  },
  recordImport: {
    absent: [
      {
        what: 'by id',
        query: 'query ($id: ID!) { recordImport(id: $id) { id status created reportedRows(first: 10) { totalCount } } }',
        slots: (a) => ({ recordImport: a.recordImport }),
        variables: (s) => ({ id: s.recordImport }),
        absent: isNull,
      },
    ],
  },
  eventImports: {
    lists: [
      {
        what: 'all',
        query: '{ eventImports(first: 100) { totalCount edges { node { id checksum } } } }',
        count: count('eventImports.edges'),
      },
    ],
  },
  customer: {
    absent: [
      {
        what: 'by id',
        query: 'query ($id: ID!) { customer(id: $id) { id reference name email } }',
        slots: (a) => ({ customer: a.customer.id }),
        variables: (s) => ({ id: s.customer }),
        absent: isNull,
      },
      {
        what: 'by reference',
        query: 'query ($r: String!) { customer(reference: $r) { id reference name email } }',
        slots: (a) => ({ customer: a.customer.reference }),
        variables: (s) => ({ r: s.customer }),
        absent: isNull,
      },
    ],
  },
  customers: {
    lists: [
      {
        what: 'all, archived included',
        query: '{ customers(first: 100, includeArchived: true) { totalCount edges { node { id reference name } } } }',
        count: count('customers.edges'),
      },
    ],
    absent: (['name', 'reference'] as const).map((key) => ({
      what: `searching A's customer's ${key}`,
      query: 'query ($q: String!) { customers(search: $q, includeArchived: true) { totalCount edges { node { id } } } }',
      slots: (a: World) => ({ search: a.customer[key] }),
      variables: (s: Slots) => ({ q: s.search }),
      absent: isEmpty,
    })),
  },
  subscription: {
    absent: (['subscription', 'draftSubscription'] as const).map((key) => ({
      what: key === 'subscription' ? 'an active subscription' : 'a draft subscription',
      query: 'query ($id: ID!) { subscription(id: $id) { id status seats customer { id } planVersion { id } } }',
      slots: (a: World) => ({ subscription: a[key] }),
      variables: (s: Slots) => ({ id: s.subscription }),
      absent: isNull,
    })),
  },
  subscriptions: {
    lists: [
      {
        what: 'all',
        query: '{ subscriptions(first: 100) { totalCount edges { node { id customer { id } } } } }',
        count: count('subscriptions.edges'),
      },
    ],
    absent: byIdAndReference(
      'query ($c: String!) { subscriptions(customer: $c) { totalCount edges { node { id } } } }',
      'c',
      (a) => a.customer,
      notFound('customer'),
    ).map((p) => ({ ...p, what: `of A's customer ${p.what}` })),
  },
};

const FLAT_PRICE = { model: 'FLAT', amount: '1' };

const MUTATIONS: Record<string, FieldCase> = {
  startReconciliation: {
    absent: [
      {
        what: "A's file",
        query: `mutation ($f: ID!) { startReconciliation(input: { fileId: $f, mapping: { customerReference: "customer", periodLabel: "period", item: "item", amount: "amount" } }) { id } }`,
        slots: (a) => ({ file: a.reconciliationFile }),
        variables: (s) => ({ f: s.file }),
        absent: notFound('input.fileId'),
      },
    ],
  },
  markReconciliationLinesReviewed: {
    absent: [
      {
        what: "A's reconciliation",
        query:
          'mutation ($r: ID!, $l: ID!) { markReconciliationLinesReviewed(input: { reconciliationId: $r, lineIds: [$l] }) { id reviewed } }',
        slots: (a) => ({ reconciliation: a.reconciliation, line: a.reconciliationLine }),
        variables: (s) => ({ r: s.reconciliation, l: s.line }),
        absent: notFound('input.reconciliationId'),
      },
      {
        what: "A's line in B's own reconciliation",
        query:
          'mutation ($r: ID!, $l: ID!) { markReconciliationLinesReviewed(input: { reconciliationId: $r, lineIds: [$l] }) { id reviewed } }',
        slots: (a) => ({ line: a.reconciliationLine }),
        variables: (s, own) => ({ r: own.reconciliation, l: s.line }),
        absent: holds('an empty list', (v) => Array.isArray(v) && v.length === 0),
      },
    ],
  },
  ...Object.fromEntries(
    DEAD_LETTER_SERVICES.map((service): [string, FieldCase] => [
      `replay${capitalized(service)}DeadLetter`,
      {
        absent: [
          {
            what: "A's dead letter",
            query: `mutation ($id: ID!) { replay${capitalized(service)}DeadLetter(id: $id) { replayed deadLetter { id error } } }`,
            slots: (a) => ({ letter: a.deadLetters[service] }),
            variables: (s) => ({ id: s.letter }),
            absent: notFound('id'),
          },
        ],
      },
    ]),
  ),
  createWebhookEndpoint: { notApplicable: 'takes no id: it creates an endpoint of the caller’s own platform' },
  updateWebhookEndpoint: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "Taken over" }) { id url status } }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('id'),
      },
    ],
  },
  rotateWebhookEndpointSecret: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret endpoint { id } } }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('id'),
      },
    ],
  },
  enableWebhookEndpoint: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { enableWebhookEndpoint(id: $id) { id url status } }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('id'),
      },
    ],
  },
  disableWebhookEndpoint: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { id url status } }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('id'),
      },
    ],
  },
  deleteWebhookEndpoint: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('id'),
      },
    ],
  },
  sendTestWebhook: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { sendTestWebhook(endpoint: $id) { id webhookId } }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('endpoint'),
      },
    ],
  },
  replayFailedWebhookMessages: {
    absent: [
      {
        what: "A's endpoint",
        query: 'mutation ($id: ID!) { replayFailedWebhookMessages(endpoint: $id, since: "2026-01-01T00:00:00Z") }',
        slots: (a) => ({ endpoint: a.webhookEndpoint }),
        variables: (s) => ({ id: s.endpoint }),
        absent: notFound('endpoint'),
      },
    ],
  },
  replayWebhookMessage: {
    absent: [
      {
        what: "A's message",
        query: 'mutation ($id: ID!) { replayWebhookMessage(id: $id) { id status } }',
        slots: (a) => ({ message: a.webhookMessage }),
        variables: (s) => ({ id: s.message }),
        absent: notFound('id'),
      },
    ],
  },
  createFeature: {
    fresh: [
      {
        what: "with A's feature reference",
        query: 'mutation ($r: String!) { createFeature(input: { reference: $r, name: "Fresh" }) { id reference name } }',
        slots: (a) => ({ reference: a.feature.reference }),
        variables: (s) => ({ r: s.reference }),
        absent: created,
      },
    ],
  },
  createPricingPlan: {
    fresh: [
      {
        what: "with A's plan reference",
        query: `mutation ($r: String!) { createPricingPlan(input: { reference: $r, name: "Fresh", currency: "EUR", billingPeriod: MONTH }) {
          id reference versions { id status } } }`,
        slots: (a) => ({ reference: a.plan.reference }),
        variables: (s) => ({ r: s.reference }),
        absent: created,
      },
    ],
  },
  createPlanVersion: {
    absent: [
      ...byIdAndReference('mutation ($p: String!) { createPlanVersion(plan: $p) { id status } }', 'p', (a) => a.plan, notFound('plan')).map(
        (p) => ({ ...p, what: `of A's plan ${p.what}` }),
      ),
      {
        what: "of B's plan, from A's version",
        query: 'mutation ($p: String!, $from: ID) { createPlanVersion(plan: $p, from: $from) { id status } }',
        slots: (a) => ({ version: a.version }),
        variables: (s, own) => ({ p: own.plan.id, from: s.version }),
        absent: notFound('from'),
      },
    ],
  },
  updatePlanVersion: {
    absent: [
      {
        what: "A's draft version",
        query: 'mutation ($input: UpdatePlanVersionInput!) { updatePlanVersion(input: $input) { id minimumCommitment } }',
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s) => ({ input: { planVersion: s.version, minimumCommitment: '5' } }),
        absent: notFound('planVersion'),
      },
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's draft version, line order with A's item by ${key}`,
        query: 'mutation ($input: UpdatePlanVersionInput!) { updatePlanVersion(input: $input) { id } }',
        slots: (a) => ({ item: a.feeItem[key] }),
        variables: (s, own) => ({ input: { planVersion: own.draftVersion, lineOrder: [own.callsItem.id, s.item] } }),
        absent: notFound('lineOrder[1]'),
      })),
    ],
  },
  setPrice: {
    absent: [
      {
        what: "A's draft version, B's item",
        query: 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }',
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s, own) => ({
          input: { planVersion: s.version, productItem: own.feeItem.id, price: FLAT_PRICE, recurringTiming: 'IN_ADVANCE' },
        }),
        absent: notFound('planVersion'),
      },
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's draft version, A's item by ${key}`,
        query: 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }',
        slots: (a) => ({ item: a.feeItem[key] }),
        variables: (s, own) => ({
          input: { planVersion: own.draftVersion, productItem: s.item, price: FLAT_PRICE, recurringTiming: 'IN_ADVANCE' },
        }),
        absent: notFound('productItem'),
      })),
    ],
  },
  removePrice: {
    absent: [
      {
        what: "A's draft version and A's item",
        query: 'mutation ($v: ID!, $i: String!) { removePrice(planVersion: $v, productItem: $i) { id } }',
        slots: (a) => ({ version: a.draftVersion, item: a.feeItem.id }),
        variables: (s) => ({ v: s.version, i: s.item }),
        absent: notFound('productItem'),
      },
      {
        what: "A's draft version, B's item",
        query: 'mutation ($v: ID!, $i: String!) { removePrice(planVersion: $v, productItem: $i) { id } }',
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s, own) => ({ v: s.version, i: own.feeItem.id }),
        absent: notFound('planVersion'),
      },
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's draft version, A's item by ${key}`,
        query: 'mutation ($v: ID!, $i: String!) { removePrice(planVersion: $v, productItem: $i) { id } }',
        slots: (a) => ({ item: a.feeItem[key] }),
        variables: (s, own) => ({ v: own.draftVersion, i: s.item }),
        absent: notFound('productItem'),
      })),
    ],
  },
  setEntitlement: {
    absent: [
      {
        what: "A's draft version, B's feature",
        query: 'mutation ($input: SetEntitlementInput!) { setEntitlement(input: $input) { id } }',
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s, own) => ({ input: { planVersion: s.version, feature: own.feature.id, limit: '100' } }),
        absent: notFound('planVersion'),
      },
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's draft version, A's feature by ${key}`,
        query: 'mutation ($input: SetEntitlementInput!) { setEntitlement(input: $input) { id } }',
        slots: (a) => ({ feature: a.feature[key] }),
        variables: (s, own) => ({ input: { planVersion: own.draftVersion, feature: s.feature, limit: '100' } }),
        absent: notFound('feature'),
      })),
    ],
  },
  removeEntitlement: {
    absent: [
      {
        what: "A's draft version and A's feature",
        query: 'mutation ($v: ID!, $f: String!) { removeEntitlement(planVersion: $v, feature: $f) { id } }',
        slots: (a) => ({ version: a.draftVersion, feature: a.feature.id }),
        variables: (s) => ({ v: s.version, f: s.feature }),
        absent: notFound('feature'),
      },
      {
        what: "A's draft version, B's feature",
        query: 'mutation ($v: ID!, $f: String!) { removeEntitlement(planVersion: $v, feature: $f) { id } }',
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s, own) => ({ v: s.version, f: own.feature.id }),
        absent: notFound('planVersion'),
      },
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's draft version, A's feature by ${key}`,
        query: 'mutation ($v: ID!, $f: String!) { removeEntitlement(planVersion: $v, feature: $f) { id } }',
        slots: (a) => ({ feature: a.feature[key] }),
        variables: (s, own) => ({ v: own.draftVersion, f: s.feature }),
        absent: notFound('feature'),
      })),
    ],
  },
  changePlanVersionStatus: {
    absent: (
      [
        ['draftVersion', 'ACTIVATE'],
        ['version', 'DEPRECATE'],
      ] as const
    ).map(([key, action]) => ({
      what: `${action} A's ${key === 'version' ? 'active' : 'draft'} version`,
      query: 'mutation ($v: ID!, $action: StatusAction!) { changePlanVersionStatus(planVersion: $v, action: $action) { id status } }',
      slots: (a: World) => ({ version: a[key] }),
      variables: (s: Slots) => ({ v: s.version, action }),
      absent: notFound('planVersion'),
    })),
  },
  deletePlanVersion: {
    absent: [
      {
        what: "A's draft version",
        query: 'mutation ($v: ID!) { deletePlanVersion(planVersion: $v) }',
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s) => ({ v: s.version }),
        absent: notFound('planVersion'),
      },
    ],
  },
  createProduct: {
    fresh: [
      {
        what: "with A's product reference",
        query: 'mutation ($r: String!) { createProduct(input: { reference: $r, name: "Fresh" }) { id reference status } }',
        slots: (a) => ({ reference: a.product.reference }),
        variables: (s) => ({ r: s.reference }),
        absent: created,
      },
    ],
  },
  changeProductStatus: {
    absent: [
      ...byIdAndReference(
        'mutation ($p: String!) { changeProductStatus(product: $p, action: DEPRECATE) { id status } }',
        'p',
        (a) => a.product,
        notFound('product'),
      ).map((p) => ({ ...p, what: `DEPRECATE A's active product ${p.what}` })),
      ...byIdAndReference(
        'mutation ($p: String!) { changeProductStatus(product: $p, action: ACTIVATE) { id status } }',
        'p',
        (a) => a.draftProduct,
        notFound('product'),
      ).map((p) => ({ ...p, what: `ACTIVATE A's draft product ${p.what}` })),
    ],
  },
  deleteProduct: {
    absent: byIdAndReference('mutation ($p: String!) { deleteProduct(product: $p) }', 'p', (a) => a.draftProduct, notFound('product')).map(
      (p) => ({ ...p, what: `A's draft product ${p.what}` }),
    ),
  },
  reorderProducts: {
    absent: [
      ...(['id', 'reference'] as const).map((key) => ({
        what: `B's products and A's product by ${key}`,
        query: 'mutation ($ps: [String!]!) { reorderProducts(products: $ps) { id position } }',
        slots: (a: World) => ({ product: a.product[key] }),
        variables: (s: Slots, own: World) => ({ ps: [s.product, own.draftProduct.id, own.product.id] }),
        absent: notFound('products'),
      })),
      {
        what: "A's products only",
        query: 'mutation ($ps: [String!]!) { reorderProducts(products: $ps) { id position } }',
        slots: (a) => ({ draftProduct: a.draftProduct.id, product: a.product.id }),
        variables: (s) => ({ ps: [s.draftProduct, s.product] }),
        absent: notFound('products'),
      },
    ],
  },
  createProductItem: {
    absent: byIdAndReference(
      'mutation ($p: String!) { createProductItem(input: { product: $p, reference: "intruder", name: "Intruder", chargeType: ONE_OFF }) { id } }',
      'p',
      (a) => a.product,
      notFound('product'),
    ).map((p) => ({ ...p, what: `on A's product ${p.what}` })),
    fresh: [
      {
        what: "on B's product, with A's item reference",
        query: `mutation ($p: String!, $r: String!) { createProductItem(input: { product: $p, reference: $r, name: "Fresh", chargeType: ONE_OFF }) {
          id reference product { id } } }`,
        slots: (a) => ({ reference: a.feeItem.reference }),
        variables: (s, own) => ({ p: own.product.id, r: s.reference }),
        absent: created,
      },
    ],
  },
  reorderProductItems: {
    absent: [
      ...byIdAndReference(
        'mutation ($p: String!, $items: [String!]!) { reorderProductItems(product: $p, items: $items) { id position } }',
        'p',
        (a) => a.product,
        notFound('product'),
        (own) => ({ items: [own.callsItem.id, own.feeItem.id] }),
      ).map((p) => ({ ...p, what: `A's product ${p.what}` })),
      ...(['id', 'reference'] as const).map((key): Probe => ({
        what: `B's product, A's item by ${key}`,
        query: 'mutation ($p: String!, $items: [String!]!) { reorderProductItems(product: $p, items: $items) { id position } }',
        slots: (a) => ({ item: a.callsItem[key] }),
        variables: (s, own) => ({ p: own.product.id, items: [s.item, own.feeItem.id] }),
        absent: notFound('items'),
      })),
    ],
  },
  issueInvoice: {
    absent: [
      {
        what: "A's draft invoice",
        query: 'mutation ($id: ID!) { issueInvoice(id: $id) { id number status } }',
        slots: (a) => ({ invoice: a.draftInvoice }),
        variables: (s) => ({ id: s.invoice }),
        absent: notFound(),
      },
    ],
  },
  markInvoicePaid: {
    absent: [
      {
        what: "A's issued invoice",
        query: 'mutation ($id: ID!) { markInvoicePaid(id: $id) { id status paidAt } }',
        slots: (a) => ({ invoice: a.issuedInvoice }),
        variables: (s) => ({ id: s.invoice }),
        absent: notFound(),
      },
    ],
  },
  voidInvoice: {
    absent: [
      {
        what: "A's issued invoice",
        query: 'mutation ($id: ID!) { voidInvoice(id: $id, reason: "Taken over") { id status voidReason } }',
        slots: (a) => ({ invoice: a.issuedInvoice }),
        variables: (s) => ({ id: s.invoice }),
        absent: notFound(),
      },
    ],
  },
  createCreditNote: {
    absent: [
      {
        what: "A's issued invoice, every line",
        query: 'mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id number total { amount } } }',
        slots: (a) => ({ invoice: a.issuedInvoice }),
        variables: (s) => ({ input: { invoice: s.invoice, reason: 'Taken over' } }),
        absent: notFound(),
      },
      {
        what: "A's issued invoice, A's line",
        query: 'mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }',
        slots: (a) => ({ invoice: a.issuedInvoice, line: a.issuedLine }),
        variables: (s) => ({ input: { invoice: s.invoice, reason: 'Taken over', lines: [{ invoiceLine: s.line, amount: '1' }] } }),
        absent: notFound(),
      },
      {
        what: "B's issued invoice, A's line",
        query: 'mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }',
        slots: (a) => ({ line: a.issuedLine }),
        variables: (s, own) => ({
          input: { invoice: own.issuedInvoice, reason: 'Taken over', lines: [{ invoiceLine: s.line, amount: '1' }] },
        }),
        absent: badInput('lines[0].invoiceLine'),
      },
    ],
  },
  recordPayment: {
    absent: [
      {
        what: "A's issued invoice",
        query: 'mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id amount { amount } } }',
        slots: (a) => ({ invoice: a.issuedInvoice }),
        variables: (s) => ({ input: { invoice: s.invoice, amount: '1', method: 'CASH', reference: 'taken over' } }),
        absent: notFound('input.invoice'),
      },
    ],
  },
  sendInvoiceEmail: {
    absent: [
      {
        what: "A's issued invoice",
        query: 'mutation ($id: ID!) { sendInvoiceEmail(invoice: $id, to: "taken@over.example") { id status } }',
        slots: (a) => ({ invoice: a.issuedInvoice }),
        variables: (s) => ({ id: s.invoice }),
        absent: notFound('invoice'),
      },
    ],
  },
  sendCreditNoteEmail: {
    absent: [
      {
        what: "A's credit note",
        query: 'mutation ($id: ID!) { sendCreditNoteEmail(creditNote: $id, to: "taken@over.example") { id status } }',
        slots: (a) => ({ creditNote: a.creditNote }),
        variables: (s) => ({ id: s.creditNote }),
        absent: notFound('creditNote'),
      },
    ],
  },
  updateEmailDeliverySettings: { notApplicable: 'takes no id: it sets the caller’s own platform’s e-mail delivery only' },
  recordRefund: {
    absent: [
      {
        what: "A's credit note",
        query: 'mutation ($input: RecordRefundInput!) { recordRefund(input: $input) { id amount { amount } } }',
        slots: (a) => ({ creditNote: a.creditNote }),
        variables: (s) => ({ input: { creditNote: s.creditNote, amount: '1', method: 'CASH' } }),
        absent: notFound('input.creditNote'),
      },
    ],
  },
  createPricingSimulation: {
    absent: [
      ...byIdAndReference(
        `mutation ($c: String!, $v: ID!) { createPricingSimulation(input: { scope: CUSTOMER, customer: $c, planVersion: $v,
          from: "${APRIL.from}", to: "${APRIL.to}" }) { id } }`,
        'c',
        (a) => a.customer,
        notFound('input.customer'),
        (own) => ({ v: own.draftVersion }),
      ).map((p) => ({ ...p, what: `of A's customer ${p.what}` })),
      {
        what: "B's customer onto A's draft version",
        query: `mutation ($c: String!, $v: ID!) { createPricingSimulation(input: { scope: CUSTOMER, customer: $c, planVersion: $v,
          from: "${APRIL.from}", to: "${APRIL.to}" }) { id } }`,
        slots: (a) => ({ version: a.draftVersion }),
        variables: (s, own) => ({ c: own.customer.id, v: s.version }),
        absent: notFound('input.planVersion'),
      },
      ...byIdAndReference(
        `mutation ($plan: String!, $v: ID!) { createPricingSimulation(input: { scope: PLAN, plan: $plan, planVersion: $v,
          from: "${APRIL.from}", to: "${APRIL.to}" }) { id } }`,
        'plan',
        (a) => a.plan,
        notFound('input.plan'),
        (own) => ({ v: own.draftVersion }),
      ).map((p) => ({ ...p, what: `of A's plan ${p.what}` })),
    ],
  },
  createAlert: {
    absent: [
      ...byIdAndReference(
        `mutation ($c: ID!) { createAlert(input: { customer: $c, kind: SPEND, name: "Taken over", thresholds: [{ value: "1" }] }) { id } }`,
        'c',
        (a) => a.customer,
        notFound('input.customer'),
      ).map((p) => ({ ...p, what: `on A's customer ${p.what}` })),
      {
        what: "on B's customer, A's subscription",
        query: `mutation ($c: ID!, $s: ID!) { createAlert(input: { customer: $c, subscription: $s, kind: SPEND, name: "Taken over",
          thresholds: [{ value: "1" }] }) { id } }`,
        slots: (a) => ({ subscription: a.subscription }),
        variables: (s, own) => ({ c: own.customer.id, s: s.subscription }),
        absent: notFound('input.subscription'),
      },
    ],
  },
  createReport: {
    absent: [
      ...byIdAndReference(
        'mutation ($c: String!) { createReport(report: INVOICE_LINES, filters: { customer: $c }) { id } }',
        'c',
        (a) => a.customer,
        badInput('filters.customer'),
      ).map((p) => ({ ...p, what: `of A's customer ${p.what}` })),
      ...byIdAndReference(
        'mutation ($p: String!) { createReport(report: INVOICES, filters: { plan: $p }) { id } }',
        'p',
        (a) => a.plan,
        badInput('filters.plan'),
      ).map((p) => ({ ...p, what: `of A's plan ${p.what}` })),
    ],
  },
  updateAlert: {
    absent: [
      {
        what: "A's alert",
        query: 'mutation ($id: ID!) { updateAlert(input: { id: $id, name: "Taken over", thresholds: [{ value: "1000" }] }) { id name } }',
        slots: (a) => ({ alert: a.alert }),
        variables: (s) => ({ id: s.alert }),
        absent: notFound('input.id'),
      },
    ],
  },
  deleteAlert: {
    absent: [
      {
        what: "A's alert",
        query: 'mutation ($id: ID!) { deleteAlert(id: $id) { id archived } }',
        slots: (a) => ({ alert: a.spendAlert }),
        variables: (s) => ({ id: s.alert }),
        absent: notFound('id'),
      },
    ],
  },
  createBillingEntity: {
    fresh: [
      {
        what: "with A's entity code",
        query: `mutation ($c: String!, $i: String!, $n: String!) { createBillingEntity(input: { code: $c, legalName: "Fresh B.V.",
          invoiceNumberPrefix: $i, creditNoteNumberPrefix: $n }) { id code version } }`,
        slots: (a) => ({ code: a.billingEntity.reference }),
        // prefixes of their own per code: prefixes are unique per platform too
        variables: (s) => ({ c: s.code, i: `${s.code}-`, n: `${s.code}.` }),
        absent: created,
      },
    ],
  },
  updateBillingEntity: {
    absent: byIdAndReference(
      'mutation ($e: String!) { updateBillingEntity(billingEntity: $e, input: { legalName: "Taken over" }) { id version } }',
      'e',
      (a) => a.billingEntity,
      notFound('billingEntity'),
    ),
  },
  setDefaultBillingEntity: {
    absent: byIdAndReference(
      'mutation ($e: String!) { setDefaultBillingEntity(billingEntity: $e) { id isDefault } }',
      'e',
      (a) => a.billingEntity,
      notFound('billingEntity'),
    ),
  },
  assignBillingEntity: {
    absent: [
      ...byIdAndReference(
        'mutation ($c: String!, $e: String) { assignBillingEntity(customer: $c, billingEntity: $e) { id billingEntity { code } } }',
        'c',
        (a) => a.otherCustomer,
        notFound('customer'),
        (own) => ({ e: own.billingEntity.id }),
      ).map((p) => ({ ...p, what: `A's customer ${p.what} to B's entity` })),
      ...byIdAndReference(
        'mutation ($c: String!, $e: String) { assignBillingEntity(customer: $c, billingEntity: $e) { id billingEntity { code } } }',
        'e',
        (a) => a.billingEntity,
        notFound('billingEntity'),
        (own) => ({ c: own.otherCustomer.id }),
      ).map((p) => ({ ...p, what: `B's customer to A's entity ${p.what}` })),
    ],
  },
  updateInvoicingSettings: { notApplicable: 'takes no id: it sets the caller’s own platform’s settings only' },
  updateStripeSettings: { notApplicable: 'takes no id: it sets the caller’s own platform’s Stripe account only' },
  setCustomerPaymentMethod: {
    absent: byIdAndReference(
      'mutation ($c: ID!) { setCustomerPaymentMethod(input: { customer: $c, provider: STRIPE, paymentMethod: "pm_taken_over" }) { id } }',
      'c',
      (a) => a.otherCustomer,
      notFound('input.customer'),
    ).map((p) => ({ ...p, what: `A's customer with a card, ${p.what}` })),
  },
  updateSubscriptionSettings: { notApplicable: 'takes no id: it sets the caller’s own platform’s settings only' },
  advanceSandboxClock: {
    notApplicable:
      'takes no id: it moves the caller’s own sandbox’s clock only; another platform’s time and invoices staying put is sandbox-clock.test.ts’s',
  },
  createMeter: {
    fresh: [
      {
        what: "with A's meter and metric references",
        query: `mutation ($r: String!, $m: String!) { createMeter(input: { reference: $r, name: "Fresh", values: [{ reference: "calls", type: NUMBER }],
          metrics: [{ reference: $m, aggregation: SUM, valueReference: "calls" }] }) { id reference status metrics { reference } } }`,
        slots: (a) => ({ meter: a.meter.reference, metric: a.metric }),
        variables: (s) => ({ r: s.meter, m: s.metric }),
        absent: created,
      },
    ],
  },
  updateMeter: {
    absent: [
      ...byIdAndReference(
        `mutation ($m: String!) { updateMeter(meter: $m, input: { reference: "taken", name: "Taken over", values: [{ reference: "calls", type: NUMBER }],
          metrics: [{ reference: "taken_total", aggregation: COUNT }] }) { id reference } }`,
        'm',
        (a) => a.draftMeter,
        notFound('meter'),
      ).map((p) => ({ ...p, what: `A's draft meter ${p.what}` })),
      ...byIdAndReference(
        `mutation ($m: String!) { updateMeter(meter: $m, input: { reference: "taken", name: "Taken over", values: [{ reference: "calls", type: NUMBER }],
          metrics: [{ reference: "taken_total", aggregation: COUNT }] }) { id reference } }`,
        'm',
        (a) => a.meter,
        notFound('meter'),
      ).map((p) => ({ ...p, what: `A's active meter ${p.what}` })),
    ],
  },
  changeMeterStatus: {
    absent: [
      ...byIdAndReference(
        'mutation ($m: String!) { changeMeterStatus(meter: $m, action: DEPRECATE) { id status } }',
        'm',
        (a) => a.meter,
        notFound('meter'),
      ).map((p) => ({ ...p, what: `DEPRECATE A's active meter ${p.what}` })),
      ...byIdAndReference(
        'mutation ($m: String!) { changeMeterStatus(meter: $m, action: ACTIVATE) { id status } }',
        'm',
        (a) => a.draftMeter,
        notFound('meter'),
      ).map((p) => ({ ...p, what: `ACTIVATE A's draft meter ${p.what}` })),
    ],
  },
  reprocessUnmatchedEvents: {
    absent: (
      [
        ["A's unmatched event by id", (a: World) => a.unmatchedEvent.id, (v: string) => ({ ids: [v] })],
        ["A's unmatched customer reference", (a: World) => a.unmatchedEvent.customerReference, (v: string) => ({ customerReference: v })],
        ["A's meter reference", (a: World) => a.meter.reference, (v: string) => ({ meterReference: v })],
      ] as const
    ).map(([what, pick, filter]) => ({
      what,
      query: 'mutation ($f: ReprocessFilter) { reprocessUnmatchedEvents(filter: $f) { examined matched stillUnmatched } }',
      slots: (a: World) => ({ value: pick(a) }),
      variables: (s: Slots) => ({ f: filter(s.value) }),
      absent: holds('nothing examined', (v) => at(v, 'examined') === 0 && at(v, 'matched') === 0),
    })),
  },
  ingestUsageEvents: {
    absent: [
      {
        what: "B's meter, A's customer reference and A's event reference",
        query: INGEST,
        slots: (a) => ({ customer: a.customer.reference, reference: a.matchedEvent.reference }),
        variables: (s, own) => ({ events: [usageEvent(own.meter.reference, s.customer, s.reference, '1000')] }),
        absent: unmatchedBecause('UNKNOWN_CUSTOMER'),
      },
      {
        // A's draft meter: the event B stores here names no meter another probe filters on.
        what: "A's meter reference, B's customer, A's event reference",
        query: INGEST,
        slots: (a) => ({ meter: a.draftMeter.reference, reference: a.matchedEvent.reference }),
        variables: (s, own) => ({ events: [usageEvent(s.meter, own.customer.reference, s.reference, '1000')] }),
        absent: unmatchedBecause('UNKNOWN_METER'),
      },
    ],
  },
  createCustomer: {
    fresh: [
      {
        what: "with A's customer reference",
        query: 'mutation ($r: String!) { createCustomer(input: { reference: $r, name: "Fresh", currency: "EUR" }) { id reference name } }',
        slots: (a) => ({ reference: a.customer.reference }),
        variables: (s) => ({ r: s.reference }),
        absent: created,
      },
    ],
  },
  updateCustomer: {
    absent: byIdAndReference(
      'mutation ($c: String!) { updateCustomer(customer: $c, input: { name: "Taken over", email: "thief@example.com" }) { id name } }',
      'c',
      (a) => a.customer,
      notFound('customer'),
    ),
  },
  archiveCustomer: {
    absent: byIdAndReference(
      'mutation ($c: String!) { archiveCustomer(customer: $c) { id archivedAt } }',
      'c',
      (a) => a.customer,
      notFound('customer'),
    ),
  },
  createSubscription: {
    absent: [
      ...byIdAndReference(
        'mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }',
        'customer',
        (a) => a.customer,
        notFound('customer'),
      ).map((p) => ({
        ...p,
        what: `for A's customer ${p.what}, on B's version`,
        variables: (s: Slots, own: World) => ({ input: { customer: s.target, planVersion: own.version } }),
      })),
      {
        what: "for B's customer, on A's version",
        query: 'mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }',
        slots: (a) => ({ version: a.version }),
        variables: (s, own) => ({ input: { customer: own.customer.id, planVersion: s.version } }),
        absent: badInput('planVersion'),
      },
      {
        what: "for B's customer on B's version, overriding A's item",
        query: 'mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }',
        slots: (a) => ({ item: a.feeItem.id }),
        variables: (s, own) => ({
          input: { customer: own.customer.id, planVersion: own.version, overrides: [{ productItem: s.item, price: FLAT_PRICE }] },
        }),
        absent: badInput('overrides[0].productItem'),
      },
    ],
  },
  activateSubscription: {
    absent: [
      {
        what: "A's draft subscription",
        query: 'mutation ($s: ID!) { activateSubscription(subscription: $s) { id status } }',
        slots: (a) => ({ subscription: a.draftSubscription }),
        variables: (s) => ({ s: s.subscription }),
        absent: notFound('subscription'),
      },
    ],
  },
  changeSubscription: {
    absent: [
      {
        what: "A's subscription, seats",
        query: 'mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id seats } }',
        slots: (a) => ({ subscription: a.subscription }),
        variables: (s) => ({ input: { subscription: s.subscription, seats: 42 } }),
        absent: notFound('subscription'),
      },
      {
        what: "B's subscription onto A's version",
        query: 'mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id planVersion { id } } }',
        slots: (a) => ({ version: a.version }),
        variables: (s, own) => ({ input: { subscription: own.subscription, effective: 'PERIOD_END', planVersion: s.version } }),
        absent: badInput('planVersion'),
      },
      {
        what: "B's subscription, overriding A's item",
        query: 'mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id } }',
        slots: (a) => ({ item: a.feeItem.id }),
        variables: (s, own) => ({
          input: { subscription: own.subscription, effective: 'PERIOD_END', overrides: [{ productItem: s.item, price: FLAT_PRICE }] },
        }),
        absent: badInput('overrides[0].productItem'),
      },
    ],
  },
  cancelSubscription: {
    absent: [
      {
        what: "A's subscription",
        query: 'mutation ($s: ID!) { cancelSubscription(subscription: $s, effective: NOW) { id status endAt } }',
        slots: (a) => ({ subscription: a.subscription }),
        variables: (s) => ({ s: s.subscription }),
        absent: notFound('subscription'),
      },
    ],
  },
  reactivateSubscription: {
    absent: [
      {
        what: "A's subscription",
        query: 'mutation ($s: ID!) { reactivateSubscription(subscription: $s) { id status } }',
        slots: (a) => ({ subscription: a.subscription }),
        variables: (s) => ({ s: s.subscription }),
        absent: notFound('subscription'),
      },
    ],
  },
};

function usageEvent(meterReference: string, customerReference: string, reference: string, calls: string) {
  return {
    meterReference,
    customerReference,
    reference,
    timestamp: '2026-04-08T09:00:00Z',
    meterValues: [{ reference: 'calls', number: calls }],
  };
}

function unmatchedBecause(reason: string): Check {
  return holds(
    `one UNMATCHED event (${reason})`,
    (v) => at(v, 'results.0.status') === 'UNMATCHED' && at(v, 'results.0.reason') === reason && at(v, 'unmatched') === 1,
  );
}

/** One (entity type, subgraph) pair: what B asks of A's entity at that subgraph, sending `_entities` itself. */
interface EntityCase {
  /** A's ids (and other values) in the representation; default { id: the entity's id }. */
  slots?: (a: World) => Slots;
  target?: (a: World) => string;
  /** Extra fields of the representation (an entity's @requires fields, as the gateway would send them). */
  representation?: (s: Slots, a: World) => Vars;
  selection?: (own: World) => string;
  absent?: Check;
  /** Why there is nothing to ask. */
  notResolvable?: string;
}

const ENTITIES: Record<string, EntityCase> = {
  'WebhookEndpoint@webhooks': {
    target: (a) => a.webhookEndpoint,
    selection: () => 'url eventTypes messages(first: 10) { totalCount }',
    absent: entityNotFound,
  },
  'WebhookMessage@webhooks': {
    target: (a) => a.webhookMessage,
    selection: () => 'webhookId body endpoint { url }',
    absent: entityNotFound,
  },
  'CreditNote@invoicing': {
    target: (a) => a.creditNote,
    selection: () => 'number total { amount } invoice { id }',
    absent: entityNotFound,
  },
  'Customer@invoicing': {
    target: (a) => a.otherCustomer.id,
    selection: () =>
      'invoices { totalCount edges { node { id number } } } alerts { totalCount edges { node { id } } } paymentMethod { paymentMethod providerCustomerId }',
    absent: entityHolds(
      'without invoices, alerts or payment method',
      (e) => at(e, 'invoices.totalCount') === 0 && at(e, 'alerts.totalCount') === 0 && at(e, 'paymentMethod') === null,
    ),
  },
  'Customer@metering': {
    target: (a) => a.customer.id,
    selection: (own) => `usage(metric: "${own.metric}", ${USAGE_WINDOW}) { value }`,
    absent: entityHolds('without usage', (e) => at(e, 'usage.value') === '0'),
  },
  'Customer@subscriptions': {
    target: (a) => a.customer.id,
    selection: () => 'reference name email subscriptions { id }',
    absent: entityNotFound,
  },
  'CustomerSubscription@invoicing': {
    target: (a) => a.subscription,
    selection: () => 'upcomingInvoice { id total { amount } } invoices { totalCount }',
    absent: entityHolds('without invoices', (e) => at(e, 'upcomingInvoice') === null && at(e, 'invoices.totalCount') === 0),
  },
  'CustomerSubscription@subscriptions': {
    target: (a) => a.subscription,
    selection: () => 'status seats customer { id } planVersion { id }',
    absent: entityNotFound,
  },
  'Invoice@invoicing': {
    target: (a) => a.issuedInvoice,
    selection: () => 'number status total { amount } lines { id } paymentCollection { id attempts { id } } emailDeliveries { id }',
    absent: entityNotFound,
  },
  'PlatformSettings@invoicing': {
    target: (a) => a.platformId,
    selection: () => 'invoicePaymentTermsDays stripe { secretKeyLast4 webhookSecretLast4 }',
    absent: entityNotFound,
  },
  'PlatformSettings@subscriptions': {
    target: (a) => a.platformId,
    selection: () => 'subscriptionMaxBackdateDays',
    absent: entityNotFound,
  },
  'Meter@metering': { target: (a) => a.meter.id, selection: () => 'reference status metrics { reference }', absent: entityNotFound },
  'PricingPlanVersion@catalog': {
    target: (a) => a.version,
    selection: () => 'status currency prices { productItem { id } } plan { id }',
    absent: entityNotFound,
  },
  'PricingPlanVersion@subscriptions': {
    notResolvable:
      'resolvable: false: subscriptions only refers to plan versions (by id, from its own subscriptions); catalog resolves them',
  },
  'Product@catalog': { target: (a) => a.product.id, selection: () => 'reference name items { id }', absent: entityNotFound },
  'ProductItem@catalog': { target: (a) => a.callsItem.id, selection: () => 'reference name product { id }', absent: entityNotFound },
  'ProductItem@invoicing': {
    notResolvable: 'resolvable: false: invoicing only refers to product items (invoice lines); catalog resolves them',
  },
  'UsageEvent@invoicing': {
    // invoicing takes metering's fields from the representation (@requires): B forges them with A's customer and metric.
    slots: (a) => ({ id: a.matchedEvent.id, customer: a.customer.id, metric: a.metric }),
    representation: (s, a) => ({
      timestamp: a.matchedEvent.timestamp,
      receivedAt: a.matchedEvent.receivedAt,
      properties: {},
      customer: { id: s.customer },
      metricValues: [{ metric: s.metric, value: '5' }],
    }),
    selection: () => 'estimatedCost { amount currency } invoice { id number total { amount } }',
    absent: entityHolds('priced by nothing and billed nowhere', (e) => at(e, 'estimatedCost') === null && at(e, 'invoice') === null),
  },
  'UsageEvent@metering': {
    target: (a) => a.matchedEvent.id,
    selection: () => 'reference status customerReference metricValues { metric value }',
    absent: entityNotFound,
  },
};

/**
 * Object types with an id but no @key: no subgraph resolves them by reference, so `_entities` cannot reach them; they are
 * reached only through the root fields above (and as parts of keyed entities).
 */
const UNKEYED: Record<string, string> = {
  ...Object.fromEntries(
    DEAD_LETTER_SERVICES.map((service) => [
      `${capitalized(service)}DeadLetter`,
      `${service} only; Query.${service}DeadLetters / Mutation.replay${capitalized(service)}DeadLetter`,
    ]),
  ),
  Alert: 'invoicing only; Query.alert / alerts, Customer.alerts, Mutation.updateAlert / deleteAlert',
  PricingSimulation: 'invoicing only; Query.pricingSimulation, Mutation.createPricingSimulation',
  SimulatedPeriod: 'a part of PricingSimulation (its periods)',
  Reconciliation: 'invoicing only; Query.reconciliation / reconciliations, Mutation.markReconciliationLinesReviewed',
  ReconciliationFile: 'a part of Reconciliation (the file it compared); uploaded over REST, named by Mutation.startReconciliation',
  ReconciliationLine: 'a part of Reconciliation (its lines); Mutation.markReconciliationLinesReviewed names them within one',
  AlertTrigger: 'a part of Alert (its triggers); Query.alertTriggers',
  BillingEntity:
    'invoicing only; Query.billingEntity / billingEntities, the mutations naming one, Customer.billingEntity and PlatformSettings.defaultBillingEntity',
  BillingEntityVersion: 'a part of BillingEntity (its versions) and of Invoice (the seller it was issued with)',
  EventImport: 'metering only; Query.eventImport / eventImports',
  RecordImport: 'subscriptions only; Query.recordImport',
  Feature: 'catalog only; Query.features, and PricingPlanVersion.entitlements',
  InvoiceLine: 'a part of Invoice (its lines); CreateCreditNoteInput.lines names one, tried in Mutation.createCreditNote',
  Payment: 'a part of Invoice (its payments); Mutation.recordPayment names the invoice, tried there',
  EmailDelivery:
    'a part of Invoice and CreditNote (their emailDeliveries); Mutation.sendInvoiceEmail / sendCreditNoteEmail name the document, tried there',
  PaymentAttempt: 'a part of PaymentCollection (its attempts)',
  PaymentCollection: 'a part of Invoice (Invoice.paymentCollection), reached through Invoice@invoicing',
  PlanPrice: 'a part of PricingPlanVersion (its prices)',
  PricingPlan: 'catalog only; Query.pricingPlan / pricingPlans',
  ReportJob: 'invoicing only; Query.report / reports (its file: GET /v1/reports/jobs/:id/csv, tried in e2e/test/reports.test.ts)',
  Refund: 'a part of CreditNote (its refunds); Mutation.recordRefund names the credit note, tried there',
  UsageMetric: 'a part of Meter (its metrics); Query.usage names one by reference',
};

// ───────────────────────────── the supergraph ─────────────────────────────

function directiveArgument(directive: ConstDirectiveNode, name: string) {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.ENUM || value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

/** `Type@subgraph` of every @join__type with a key, and whether that subgraph resolves it. */
function entitiesOf(schema: GraphQLSchema): Array<{ key: string; type: string; graph: string; resolvable: boolean }> {
  const graphEnum = schema.getType('join__Graph');
  const graphNames = new Map<string, string>();
  for (const value of graphEnum?.astNode?.kind === Kind.ENUM_TYPE_DEFINITION ? (graphEnum.astNode.values ?? []) : []) {
    const graph = value.directives?.find((d) => d.name.value === 'join__graph');
    graphNames.set(value.name.value, String(graph ? directiveArgument(graph, 'name') : value.name.value.toLowerCase()));
  }
  const entities: Array<{ key: string; type: string; graph: string; resolvable: boolean }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    for (const directive of type.astNode?.directives ?? []) {
      if (directive.name.value !== 'join__type' || directiveArgument(directive, 'key') === undefined) continue;
      const graph = graphNames.get(String(directiveArgument(directive, 'graph')))!;
      entities.push({
        key: `${type.name}@${graph}`,
        type: type.name,
        graph,
        resolvable: directiveArgument(directive, 'resolvable') !== false,
      });
    }
  }
  return entities;
}

const supergraph = buildSchema(readSupergraph());
const ENTITY_LIST = entitiesOf(supergraph);

describe('the tenant isolation table', () => {
  it('has one case for every root query, mutation and (@key entity, subgraph) of the supergraph, and none for what is gone', () => {
    const problems: string[] = [];
    const compare = (kind: string, inSchema: string[], table: Record<string, FieldCase | EntityCase>, tableName: string) => {
      for (const name of inSchema.filter((n) => !(n in table)))
        problems.push(`${kind} ${name} has no case in ${tableName}: say how platform B calls it against A's objects, or why it takes none`);
      for (const name of Object.keys(table).filter((n) => !inSchema.includes(n)))
        problems.push(`${tableName} has a case for ${kind} ${name}, which the supergraph no longer has`);
    };
    compare('Query', Object.keys(supergraph.getQueryType()!.getFields()), QUERIES, 'QUERIES');
    compare('Mutation', Object.keys(supergraph.getMutationType()!.getFields()), MUTATIONS, 'MUTATIONS');
    compare(
      'entity',
      ENTITY_LIST.map((e) => e.key),
      ENTITIES,
      'ENTITIES',
    );
    for (const [name, c] of [...Object.entries(QUERIES), ...Object.entries(MUTATIONS)]) {
      const probes = (c.absent?.length ?? 0) + (c.lists?.length ?? 0) + (c.fresh?.length ?? 0);
      if ((probes === 0) === !c.notApplicable) problems.push(`${name}: give either attempts or (only) the reason there are none`);
    }
    for (const entity of ENTITY_LIST) {
      const c = ENTITIES[entity.key];
      if (c && entity.resolvable === Boolean(c.notResolvable))
        problems.push(
          `${entity.key}: ${entity.resolvable ? 'resolvable, so it needs an attempt' : 'not resolvable: say so, without an attempt'}`,
        );
    }
    const keyed = new Set(ENTITY_LIST.map((e) => e.type));
    const withId = Object.values(supergraph.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && 'id' in t.getFields() && !keyed.has(t.name))
      .map((t) => t.name);
    for (const name of withId.filter((n) => !(n in UNKEYED)))
      problems.push(`${name} has an id but no @key: say in UNKEYED how B could reach it, or give it a case in ENTITIES`);
    for (const name of Object.keys(UNKEYED).filter((n) => !withId.includes(n)))
      problems.push(`UNKEYED lists ${name}, which is now keyed or gone: give it a case in ENTITIES, or remove it`);
    // The gateway's API schema has no _entities/_service: the supergraph's roots are all there is to try (checked on the
    // running gateway below).
    for (const root of [supergraph.getQueryType()!, supergraph.getMutationType()!])
      for (const name of ['_entities', '_service'])
        if (name in root.getFields()) problems.push(`the supergraph exposes ${root.name}.${name}`);
    expect(problems).toEqual([]);
  });
});

// ───────────────────────────── running the attempts ─────────────────────────────

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isUuid = (value: string) => new RegExp(`^${UUID.source}$`, 'i').test(value);

/** Values naming nothing: a new uuid for an id, a new reference for a reference (or a name). */
function ghostOf(slots: Slots): Slots {
  return Object.fromEntries(
    Object.entries(slots).map(([name, value]) => [name, isUuid(value) ? randomUUID() : `ghost-${randomBytes(5).toString('hex')}`]),
  );
}

/** The response with each slot's value named `<slot>` and every other uuid `<uuid>` (ids of what the attempt itself created). */
function normalize(response: Response, slots: Slots): unknown {
  let text = show({ status: response.status, data: response.data ?? null, errors: response.errors ?? [] });
  for (const [name, value] of Object.entries(slots).sort((x, y) => y[1].length - x[1].length)) text = text.split(value).join(`<${name}>`);
  return JSON.parse(text.replace(UUID, '<uuid>'));
}

/** Where two JSON values differ (a few paths), for the report. */
function differences(before: unknown, after: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 8 || isDeepStrictEqual(before, after)) return out;
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys)
      differences((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], `${path}.${key}`, out);
    return out;
  }
  out.push(`${path}: ${show(before)} → ${show(after)}`);
  return out;
}

type Snapshot = unknown[];

/** Everything of a platform that a mutation could change, as its own key sees it. */
async function snapshotOf(w: World): Promise<Snapshot> {
  const queries: Array<[string, Vars]> = [
    [
      `query ($c: String!, $m: String!) {
        meters(first: 100, includeArchived: true) { totalCount edges { node { id reference name status values { reference type } properties
          metrics { reference aggregation valueReference } } } }
        usageEvents(first: 100) { totalCount edges { node { id reference status unmatchedReason customerReference meterReference } } }
        eventImports(first: 100) { totalCount edges { node { id status rowsRead accepted unmatched rejected } } }
        usage(customer: $c, metric: $m, ${USAGE_WINDOW}) { value }
      }`,
      { c: w.customer.id, m: w.metric },
    ],
    [
      `{
        features(first: 100) { totalCount edges { node { id reference name description } } }
        products(first: 100, includeArchived: true) { totalCount edges { node { id reference name status position
          items { id reference name chargeType position } } } }
      }`,
      {},
    ],
    // A query of its own, with a page of 20: plans → versions → prices is three lists deep, and the gateway's cost counts
    // 20 per unpaginated list (GRAPHQL_LIST_SIZE); first: 100 would cost ~450,000, over GRAPHQL_MAX_COST. A has one plan,
    // and totalCount would show any beyond the page.
    [
      `{
        pricingPlans(first: 20) { totalCount edges { node { id reference name versions { id status currency billingPeriod minimumCommitment
          prices { productItem { id } recurringTiming price { model amount unitPrice } } entitlements { feature { id } enabled limit } } } } }
      }`,
      {},
    ],
    [
      `{
        customers(first: 100, includeArchived: true) { totalCount edges { node { id reference name email country taxRate metadata archivedAt } } }
        subscriptions(first: 100) { totalCount edges { node { id status startAt endAt trialEnd
          phases { startsAt endsAt seats overrides planVersion { id } } } } }
      }`,
      {},
    ],
    [
      `{
        meteringDeadLetters(first: 100) { totalCount edges { node { id type error attempts payload } } }
        subscriptionsDeadLetters(first: 100) { totalCount edges { node { id type error attempts payload } } }
        invoicingDeadLetters(first: 100) { totalCount edges { node { id type error attempts payload } } }
        webhooksDeadLetters(first: 100) { totalCount edges { node { id type error attempts payload } } }
        invoices(first: 100) { totalCount edges { node { id number kind status issuedAt paidAt voidedAt voidReason
          subtotal { amount } total { amount } credited { amount }
          lines { id kind quantity amount { amount } credited { amount } } creditNotes { id number total { amount } }
          billingEntity { id version legalName } } } }
        billingEntities(first: 100) { totalCount edges { node { id code isDefault version
          currentVersion { id legalName invoiceNumberPrefix creditNoteNumberPrefix } } } }
      }`,
      {},
    ],
    [
      `{
        alerts(first: 100) { totalCount edges { node { id name kind metric currency thresholds { value label } archived updatedAt } } }
        alertTriggers(first: 100) { totalCount edges { node { id value threshold { value } periodStart alert { id } } } }
        reports(first: 100) { totalCount edges { node { id report createdAt filters { from to statuses customer plan } } } }
      }`,
      {},
    ],
    [
      `{
        reconciliations(first: 100) { totalCount edges { node { id status file { id name } itemAliases { theirs ours }
          lines(first: 100) { totalCount edges { node { id customerReference item theirs ours outcome reviewed } } } } } }
      }`,
      {},
    ],
    // Endpoints and their messages, not the messages' state: a message to a closed port is retried on its own schedule.
    [
      `{
        webhookEndpoints(first: 100) { totalCount edges { node { id url description eventTypes status disabledReason
          messages(first: 100) { totalCount edges { node { id webhookId eventType body } } } } } }
      }`,
      {},
    ],
  ];
  return Promise.all(queries.map(([query, variables]) => w.client.expectData(query, variables)));
}

/** What B must never see: A's ids, and A's names and references (all of which contain A's name). */
function secretsOf(snapshot: Snapshot, world: World): string[] {
  const text = show(snapshot);
  const marker = world.name.toLowerCase();
  const strings = new Set<string>(text.match(UUID) ?? []);
  const visit = (value: unknown) => {
    if (typeof value === 'string' && value.toLowerCase().includes(marker)) strings.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(snapshot);
  return [...strings];
}

// ───────────────────────────── platform A's and B's worlds ─────────────────────────────

type IngestData = { ingestUsageEvents: { results: Array<{ status: string; reason: string | null; eventId: string | null }> } };
interface InvoiceNode {
  id: string;
  status: string;
  lines: Array<{ id: string; kind: string; quantity: string | null }>;
}

async function buildWorld(platform: Awaited<ReturnType<typeof startPlatform>>, name: string): Promise<World> {
  const { platformId, apiKey } = await newTenant(platform.databaseUrl);
  const client = gatewayClient(platform.gatewayUrl, apiKey);
  const data = client.expectData;
  const p = name.toLowerCase();

  const meterInput = (reference: string, metric: string) => ({
    reference,
    name: `${name} ${reference}`,
    values: [{ reference: 'calls', type: 'NUMBER' }],
    metrics: [{ reference: metric, aggregation: 'SUM', valueReference: 'calls' }],
  });
  const metric = `${p}-calls`;
  const meter = (await data<{ createMeter: Ref }>(CREATE_METER, { input: meterInput(`${p}-api`, metric) })).createMeter;
  await data(ACTIVATE_METER, { meter: meter.id });
  const draftMeter = (await data<{ createMeter: Ref }>(CREATE_METER, { input: meterInput(`${p}-draft-meter`, `${p}-draft-calls`) }))
    .createMeter;

  const feature = (
    await data<{ createFeature: Ref }>('mutation ($input: CreateFeatureInput!) { createFeature(input: $input) { id reference } }', {
      input: { reference: `${p}-sso`, name: `${name} SSO` },
    })
  ).createFeature;

  const createProduct = async (reference: string) =>
    (
      await data<{ createProduct: Ref }>('mutation ($input: CreateProductInput!) { createProduct(input: $input) { id reference } }', {
        input: { reference, name: `${name} ${reference}` },
      })
    ).createProduct;
  const createItem = async (input: Vars) =>
    (
      await data<{ createProductItem: Ref }>(
        'mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id reference } }',
        { input: { ...input, name: `${name} ${String(input.reference)}` } },
      )
    ).createProductItem;
  const product = await createProduct(`${p}-platform`);
  const feeItem = await createItem({ product: product.id, reference: `${p}-fee`, chargeType: 'RECURRING' });
  const callsItem = await createItem({
    product: product.id,
    reference: `${p}-calls-item`,
    chargeType: 'USAGE',
    meterReference: meter.reference,
    metricReference: metric,
  });
  await data('mutation ($p: String!) { changeProductStatus(product: $p, action: ACTIVATE) { status } }', { p: product.id });
  const draftProduct = await createProduct(`${p}-addon`);
  await createItem({ product: draftProduct.id, reference: `${p}-setup`, chargeType: 'ONE_OFF' });

  const plan = (
    await data<{ createPricingPlan: Ref & { versions: Array<{ id: string }> } }>(
      'mutation ($input: CreatePricingPlanInput!) { createPricingPlan(input: $input) { id reference versions { id } } }',
      { input: { reference: `${p}-scale`, name: `${name} Scale`, currency: 'EUR', billingPeriod: 'MONTH' } },
    )
  ).createPricingPlan;
  const version = plan.versions[0].id;
  const SET_PRICE = 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }';
  await data(SET_PRICE, {
    input: { planVersion: version, productItem: feeItem.id, price: { model: 'FLAT', amount: '100' }, recurringTiming: 'IN_ADVANCE' },
  });
  await data(SET_PRICE, { input: { planVersion: version, productItem: callsItem.id, price: { model: 'PER_UNIT', unitPrice: '0.1' } } });
  await data('mutation ($input: SetEntitlementInput!) { setEntitlement(input: $input) { id } }', {
    input: { planVersion: version, feature: feature.id, enabled: true, limit: '5' },
  });
  await data('mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }', { v: version });
  const draftVersion = (
    await data<{ createPlanVersion: { id: string } }>('mutation ($p: String!) { createPlanVersion(plan: $p) { id } }', { p: plan.id })
  ).createPlanVersion.id;

  const createCustomer = async (reference: string, customerName: string) =>
    (
      await data<{ createCustomer: Ref & { name: string } }>(CREATE_CUSTOMER, {
        input: { reference, name: customerName, currency: 'EUR', email: `billing@${reference}.example` },
      })
    ).createCustomer;
  const customer = await createCustomer(`${p}-acme`, `${name} Acme`);
  const otherCustomer = await createCustomer(`${p}-globex`, `${name} Globex`);

  // A billing entity of the platform's own that bills `customer` (who reaches invoicing through NATS: retried).
  const billingEntity = (
    await data<{ createBillingEntity: { id: string; code: string } }>(
      'mutation ($input: CreateBillingEntityInput!) { createBillingEntity(input: $input) { id code } }',
      {
        input: { code: `${p}-entity`, legalName: `${name} Billing B.V.`, invoiceNumberPrefix: `${p}E-`, creditNoteNumberPrefix: `${p}EC-` },
      },
    )
  ).createBillingEntity;
  await waitFor(
    async () =>
      (
        await client.send<{ assignBillingEntity: { id: string } }>(
          'mutation ($c: String!, $e: String) { assignBillingEntity(customer: $c, billingEntity: $e) { id } }',
          { c: customer.id, e: billingEntity.id },
        )
      ).data?.assignBillingEntity,
    `${name}'s customer assigned to its billing entity`,
  );

  // The plan version reaches subscriptions through NATS: retry until it has arrived.
  const subscribe = (input: Vars) =>
    waitFor(
      async () =>
        (
          await client.send<{ createSubscription: { id: string } }>(
            'mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }',
            { input },
          )
        ).data?.createSubscription.id,
      `${name}'s plan version to reach subscriptions`,
    );
  const subscription = await subscribe({ customer: customer.id, planVersion: version, startAt: APRIL.from });
  const issuedSubscription = await subscribe({ customer: otherCustomer.id, planVersion: version, startAt: APRIL.from });
  const draftSubscription = await subscribe({ customer: customer.id, planVersion: version, startAt: APRIL.from, draft: true });

  // Alerts: invoicing learns of the customers and of the plan version's metric through NATS: retry until it has.
  const createAlert = (input: Vars) =>
    waitFor(
      async () =>
        (
          await client.send<{ createAlert: { id: string } }>('mutation ($input: CreateAlertInput!) { createAlert(input: $input) { id } }', {
            input,
          })
        ).data?.createAlert.id,
      `invoicing to know ${name}'s customers and metric`,
    );
  const alert = await createAlert({ customer: customer.id, kind: 'USAGE', metric, name: `${name} calls`, thresholds: [{ value: '1' }] });
  const spendAlert = await createAlert({
    customer: otherCustomer.reference,
    kind: 'SPEND',
    name: `${name} spend`,
    thresholds: [{ value: '1000' }],
  });

  // Metering learns of the customer through NATS: wait for it, or the events would be stored as unmatched.
  const usageOf = `query ($c: String!) { usage(customer: $c, metric: "${metric}", ${USAGE_WINDOW}) { value } }`;
  await waitFor(async () => !(await client.send(usageOf, { c: customer.reference })).errors, `metering to know ${name}'s customer`);
  const ingested = await data<IngestData>(INGEST, {
    events: [
      { ...usageEvent(meter.reference, customer.reference, `${p}-evt-1`, '5'), timestamp: '2026-04-05T10:00:00Z' },
      { ...usageEvent(meter.reference, customer.reference, `${p}-evt-2`, '3'), timestamp: '2026-04-06T10:00:00Z' },
      { ...usageEvent(meter.reference, `${p}-nobody`, `${p}-evt-3`, '7'), timestamp: '2026-04-06T11:00:00Z' },
    ],
  });
  expect(ingested.ingestUsageEvents.results.map((r) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'UNMATCHED']);
  const [matchedId, , unmatchedId] = ingested.ingestUsageEvents.results.map((r) => r.eventId!);
  const matched = (
    await data<{ usageEvent: { timestamp: string; receivedAt: string } }>(
      'query ($id: ID!) { usageEvent(id: $id) { timestamp receivedAt } }',
      {
        id: matchedId,
      },
    )
  ).usageEvent;

  // A file import through the REST door (one row, 2 calls).
  const base = platform.gatewayUrl.replace(/\/graphql$/, '');
  const mapping = encodeURIComponent(
    show({
      customer: 'customer',
      meterReference: meter.reference,
      timestamp: 'at',
      reference: 'ref',
      values: [{ reference: 'calls', column: 'calls' }],
    }),
  );
  const upload = await fetch(`${base}/v1/imports?format=csv&mapping=${mapping}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    body: `customer,calls,at,ref\n${customer.reference},2,2026-04-07T00:00:00Z,${p}-imp-1\n`,
  });
  expect(upload.status).toBe(202);
  const eventImport = ((await upload.json()) as { id: string }).id;
  await waitFor(
    async () =>
      (await data<{ eventImport: { status: string } }>('query ($id: ID!) { eventImport(id: $id) { status } }', { id: eventImport }))
        .eventImport.status === 'COMPLETED',
    `${name}'s import to complete`,
  );
  const recordUpload = await fetch(`${base}/v1/customer-imports?format=csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    body: `reference,name,currency\n${p}-imported,Imported,EUR\n${p}-bad,Bad,EURO\n`,
  });
  expect(recordUpload.status).toBe(202);
  const recordImport = ((await recordUpload.json()) as { id: string }).id;
  await waitFor(
    async () =>
      (await data<{ recordImport: { status: string } }>('query ($id: ID!) { recordImport(id: $id) { status } }', { id: recordImport }))
        .recordImport.status === 'COMPLETED',
    `${name}'s customer import to complete`,
  );

  const alertTrigger = await waitFor(
    async () =>
      (
        await data<{ alert: { triggers: { edges: Array<{ node: { id: string } }> } } }>(
          'query ($id: ID!) { alert(id: $id) { triggers { edges { node { id } } } } }',
          { id: alert },
        )
      ).alert.triggers.edges[0]?.node.id,
    `${name}'s usage alert to fire`,
  );

  // A pricing simulation of the customer onto the draft version (invoicing learns of drafts through NATS: retry).
  const pricingSimulation = await waitFor(
    async () =>
      (
        await client.send<{ createPricingSimulation: { id: string } }>(
          `mutation ($c: String!, $v: ID!) { createPricingSimulation(input: { scope: CUSTOMER, customer: $c, planVersion: $v,
            from: "${APRIL.from}", to: "${APRIL.to}" }) { id } }`,
          { c: customer.id, v: draftVersion },
        )
      ).data?.createPricingSimulation.id,
    `invoicing to know ${name}'s draft version`,
  );
  await waitFor(
    async () =>
      (
        await data<{ pricingSimulation: { status: string } }>('query ($id: ID!) { pricingSimulation(id: $id) { status } }', {
          id: pricingSimulation,
        })
      ).pricingSimulation.status === 'COMPLETED',
    `${name}'s pricing simulation to complete`,
  );

  // The April draft bills 5 + 3 + 2 calls; the other customer's is issued now and credited in part.
  const invoicesOf = async (s: string) =>
    (
      await data<{ invoices: { edges: Array<{ node: InvoiceNode }> } }>(
        'query ($s: ID!) { invoices(subscription: $s) { edges { node { id status lines { id kind quantity } } } } }',
        { s },
      )
    ).invoices.edges.map((e) => e.node);
  const draftInvoice = await waitFor(async () => {
    const draft = (await invoicesOf(subscription)).find((i) => i.status === 'DRAFT');
    return draft?.lines.some((l) => l.kind === 'USAGE' && l.quantity === '10') && draft;
  }, `${name}'s April draft to bill the usage`);
  const otherDraft = await waitFor(
    async () => (await invoicesOf(issuedSubscription)).find((i) => i.status === 'DRAFT'),
    `${name}'s other April draft`,
  );
  const issued = (
    await data<{ issueInvoice: InvoiceNode }>('mutation ($id: ID!) { issueInvoice(id: $id) { id status lines { id kind quantity } } }', {
      id: otherDraft.id,
    })
  ).issueInvoice;
  const issuedLine = issued.lines.find((l) => l.kind === 'RECURRING')!.id;
  const creditNote = (
    await data<{ createCreditNote: { id: string } }>(
      'mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }',
      {
        input: { invoice: issued.id, reason: 'Goodwill', lines: [{ invoiceLine: issuedLine, amount: '10' }] },
      },
    )
  ).createCreditNote.id;

  // A message each consuming service gave up on. Written as the inbox consumer writes it after its last failed delivery
  // (making each service fail for real is the business of the services' own tests).
  const deadLetters = {} as Record<DeadLetterService, string>;
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    for (const service of DEAD_LETTER_SERVICES) {
      const id = randomUUID();
      const envelope = {
        id,
        type: 'subscriptions.customer.created',
        version: 1,
        platformId,
        occurredAt: NOW,
        data: { id: randomUUID(), reference: `${p}-poison-${service}`, name: `${name} poison`, currency: 'EUR' },
      };
      await db.query(
        `INSERT INTO ${service}.dead_letters (message_id, platform_id, type, subject, stream, payload, error, attempts, first_failed_at, last_failed_at)
         VALUES ($1, $2, $3, 'subscriptions.customer.created', 'SUBSCRIPTIONS', $4, $5, 5, now(), now())`,
        [id, platformId, envelope.type, JSON.stringify(envelope), `Error: ${name} cannot be applied by ${service}`],
      );
      deadLetters[service] = id;
    }
  } finally {
    await db.end();
  }

  // Payment collection (issue 15, point 4): Stripe set up but disabled (nothing is sent anywhere), a saved card on Globex.
  await data(
    'mutation { updateStripeSettings(input: { secretKey: "sk_test_isolation0001", webhookSecret: "whsec_isolation0001", enabled: false }) { id } }',
  );
  await data(
    'mutation ($c: ID!) { setCustomerPaymentMethod(input: { customer: $c, provider: STRIPE, paymentMethod: "pm_card_visa" }) { id } }',
    {
      c: otherCustomer.id,
    },
  );
  // A webhook endpoint to a closed loopback port (its attempts are refused), with one test message.
  const webhookEndpoint = (
    await data<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
      { input: { url: `http://127.0.0.1:9/${p}-hooks`, eventTypes: ['invoice.issued'], description: `${name} hooks` } },
    )
  ).createWebhookEndpoint.endpoint.id;
  const webhookMessage = (
    await data<{ sendTestWebhook: { id: string } }>('mutation ($id: ID!) { sendTestWebhook(endpoint: $id) { id } }', {
      id: webhookEndpoint,
    })
  ).sendTestWebhook.id;
  const reportJob = (
    await data<{ createReport: { id: string } }>(
      'mutation ($c: String!) { createReport(report: INVOICE_LINES, filters: { customer: $c }) { id } }',
      { c: customer.id },
    )
  ).createReport.id;

  // Reconciliation (issue 16, point 5): a one-line file of the old system against the customer's April draft, compared.
  const reconciliationUpload = await fetch(`${base}/v1/reconciliation-files?name=${p}.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
    body: `customer,period,item,amount\n${customer.reference},2026-04,Fee,1\n`,
  });
  const reconciliationFile = ((await reconciliationUpload.json()) as { id: string }).id;
  const reconciliation = (
    await data<{ startReconciliation: { id: string } }>(
      'mutation ($f: ID!) { startReconciliation(input: { fileId: $f, mapping: { customerReference: "customer", periodLabel: "period", item: "item", amount: "amount" } }) { id } }',
      { f: reconciliationFile },
    )
  ).startReconciliation.id;
  const reconciliationLine = await waitFor(
    async () =>
      (
        await data<{ reconciliation: { lines: { edges: Array<{ node: { id: string } }> } } }>(
          'query ($id: ID!) { reconciliation(id: $id) { lines(first: 1) { edges { node { id } } } } }',
          { id: reconciliation },
        )
      ).reconciliation.lines.edges[0]?.node.id,
    `${name}'s reconciliation`,
  );

  return {
    name,
    reportJob,
    platformId,
    apiKey,
    client,
    reconciliationFile,
    reconciliation,
    reconciliationLine,
    deadLetters,
    webhookEndpoint,
    webhookMessage,
    meter,
    draftMeter,
    metric,
    feature,
    product,
    feeItem,
    callsItem,
    draftProduct,
    plan: { id: plan.id, reference: plan.reference },
    version,
    draftVersion,
    customer,
    otherCustomer,
    subscription,
    issuedSubscription,
    draftSubscription,
    matchedEvent: { id: matchedId, reference: `${p}-evt-1`, ...matched },
    unmatchedEvent: { id: unmatchedId, reference: `${p}-evt-3`, customerReference: `${p}-nobody` },
    eventImport,
    recordImport,
    draftInvoice: draftInvoice.id,
    issuedInvoice: issued.id,
    issuedLine,
    creditNote,
    alert,
    alertTrigger,
    spendAlert,
    pricingSimulation,
    billingEntity: { id: billingEntity.id, reference: billingEntity.code },
  };
}

// ───────────────────────────── the tests ─────────────────────────────

const queryCases = Object.keys(QUERIES).filter((f) => QUERIES[f].absent || QUERIES[f].lists);
const mutationCases = Object.keys(MUTATIONS).filter((f) => MUTATIONS[f].absent);
const freshCases = Object.keys(MUTATIONS).filter((f) => MUTATIONS[f].fresh);
const entityCases = ENTITY_LIST.filter((e) => e.resolvable && ENTITIES[e.key] && !ENTITIES[e.key].notResolvable);

describe('tenant isolation: platform B never reaches platform A’s objects', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let A: World;
  let B: World;
  /** A's data as A sees it, before the next mutation. */
  let baseline: Snapshot;
  let secrets: string[];

  beforeAll(async () => {
    // A database of its own: the stack runs on a test clock in April 2026, and invoicing's issuing job of a stack on
    // the real clock sharing the database would issue these drafts (and this one theirs).
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: { gateway: { RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000' } },
    });
    await platform.setClock(NOW);
    [A, B] = await Promise.all([buildWorld(platform, 'Alpha'), buildWorld(platform, 'Bravo')]);
    // Nothing of A moves any more (drafts are refreshed in the background): two equal snapshots in a row.
    let last: Snapshot = await snapshotOf(A);
    baseline = await waitFor(async () => {
      const next = await snapshotOf(A);
      const settled = isDeepStrictEqual(next, last);
      last = next;
      return settled && next;
    }, "platform A's data to settle");
    secrets = secretsOf(baseline, A);
  }, 120_000);
  afterAll(() => platform?.stop());

  /** A's secrets that `response` carries and `request` did not name. */
  const leakedIn = (response: unknown, request: unknown) => {
    const text = show(response);
    const sent = show(request);
    return secrets.filter((s) => text.includes(s) && !sent.includes(s));
  };

  /**
   * Runs one attempt: B with a missing object, then with A's; compares. For queries, A with its own object must see
   * something else (else the attempt proves nothing); for mutations, A's data must not have changed.
   */
  async function attempt(root: 'Query' | 'Mutation', field: string, probe: Probe): Promise<string[]> {
    const problems: string[] = [];
    const label = `${root}.${field} (${probe.what})`;
    const slots = probe.slots(A);
    const ghost = ghostOf(slots);
    const ghostVariables = probe.variables(ghost, B);
    const foreignVariables = probe.variables(slots, B);
    const ghostResponse = await B.client.send(probe.query, ghostVariables);
    const foreignResponse = await B.client.send(probe.query, foreignVariables);

    const control = probe.absent(ghostResponse, field);
    if (control) problems.push(`${label}: the case is wrong: for a missing object ${control}, got ${show(ghostResponse)}`);
    if (!isDeepStrictEqual(normalize(foreignResponse, slots), normalize(ghostResponse, ghost)))
      problems.push(
        `${label}: B's answer for A's object differs from the answer for a missing one.\n` +
          `  request ${show(foreignVariables)}\n  → ${show(foreignResponse)}\n  missing object ${show(ghostVariables)}\n  → ${show(ghostResponse)}`,
      );
    const leaked = leakedIn(foreignResponse, foreignVariables);
    if (leaked.length) problems.push(`${label}: B's answer carries A's ${show(leaked)}: ${show(foreignResponse)}`);

    if (root === 'Query') {
      const own = await A.client.send(probe.query, probe.variables(slots, A));
      if (own.errors || isDeepStrictEqual(normalize(own, slots), normalize(ghostResponse, ghost)))
        problems.push(`${label}: the attempt proves nothing: A itself does not see its object this way: ${show(own)}`);
    } else {
      const after = await snapshotOf(A);
      if (!isDeepStrictEqual(after, baseline)) {
        problems.push(`${label}: A's data changed: ${differences(baseline, after).join('; ')}`);
        baseline = after;
      }
    }
    return problems;
  }

  it('exposes neither _entities nor _service at the gateway', async () => {
    const entities = await B.client.send('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [{ __typename: 'Customer', id: A.customer.id }],
    });
    const service = await B.client.send('{ _service { sdl } }');
    for (const response of [entities, service]) {
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.data).toBeUndefined();
    }
  });

  it.each(queryCases)('Query.%s: A’s objects look like missing ones, and B’s lists hold none of them', async (field) => {
    const problems: string[] = [];
    for (const probe of QUERIES[field].absent ?? []) problems.push(...(await attempt('Query', field, probe)));
    for (const list of QUERIES[field].lists ?? []) {
      const label = `Query.${field} (${list.what})`;
      const mine = await B.client.send(list.query);
      if (mine.errors || list.count(mine.data) === 0) problems.push(`${label}: B should list its own objects: ${show(mine)}`);
      const leaked = leakedIn(mine, {});
      if (leaked.length) problems.push(`${label}: B's list carries A's ${show(leaked)}: ${show(mine)}`);
      const theirs = await A.client.send(list.query);
      if (theirs.errors || leakedIn(theirs, {}).length === 0)
        problems.push(`${label}: A should see its own objects there: ${show(theirs)}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(mutationCases)('Mutation.%s: fails on A’s objects as on missing ones, and A’s data stays as it was', async (field) => {
    const problems: string[] = [];
    for (const probe of MUTATIONS[field].absent!) problems.push(...(await attempt('Mutation', field, probe)));
    expect(problems).toEqual([]);
  });

  it.each(entityCases.map((e) => [e.key, e] as const))(
    '_entities %s, signed as B, straight at the subgraph: A’s entity looks like a missing one',
    async (key, entity) => {
      const c = ENTITIES[key];
      const url = `${platform.urls[entity.graph]}/graphql`;
      const asB = subgraphClient(url, B.platformId, platform.secret);
      const asA = subgraphClient(url, A.platformId, platform.secret);
      const slotsOf = c.slots ?? ((a: World) => ({ id: c.target!(a) }));
      const query = (own: World) =>
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${entity.type} { ${c.selection!(own)} } } }`;
      const variables = (s: Slots) => ({ representations: [{ __typename: entity.type, id: s.id, ...(c.representation?.(s, A) ?? {}) }] });

      const slots = slotsOf(A);
      const ghost = ghostOf(slots);
      const ghostResponse = await asB(query(B), variables(ghost));
      const foreignResponse = await asB(query(B), variables(slots));
      const own = await asA(query(A), variables(slots));
      const problems: string[] = [];
      const control = c.absent!(ghostResponse, '_entities');
      if (control) problems.push(`${key}: the case is wrong: for a missing entity ${control}, got ${show(ghostResponse)}`);
      if (!isDeepStrictEqual(normalize(foreignResponse, slots), normalize(ghostResponse, ghost)))
        problems.push(
          `${key}: B's answer for A's entity differs from the answer for a missing one.\n` +
            `  representation ${show(variables(slots))}\n  → ${show(foreignResponse)}\n  missing → ${show(ghostResponse)}`,
        );
      const leaked = leakedIn(foreignResponse, variables(slots));
      if (leaked.length) problems.push(`${key}: B's answer carries A's ${show(leaked)}: ${show(foreignResponse)}`);
      if (own.errors || isDeepStrictEqual(normalize(own, slots), normalize(ghostResponse, ghost)))
        problems.push(`${key}: the attempt proves nothing: A itself does not get its entity this way: ${show(own)}`);
      expect(problems).toEqual([]);
    },
  );

  it('REST: GET /v1/imports/:id answers B for A’s import as for a missing one', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const get = async (key: string, id: string) => {
      const response = await fetch(`${base}/v1/imports/${id}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const ghost = randomUUID();
    const missing = await get(B.apiKey, ghost);
    const foreign = await get(B.apiKey, A.eventImport);
    expect(missing).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: 'NOT_FOUND' } }] } });
    expect(foreign).toEqual(missing);
    expect((await get(A.apiKey, A.eventImport)).status).toBe(200);
  });

  it('REST: GET /v1/customer-imports/:id answers B for A’s import as for a missing one', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const get = async (key: string, id: string) => {
      const response = await fetch(`${base}/v1/customer-imports/${id}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const missing = await get(B.apiKey, randomUUID());
    expect(missing).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: 'NOT_FOUND' } }] } });
    expect(await get(B.apiKey, A.recordImport)).toEqual(missing);
    expect((await get(A.apiKey, A.recordImport)).status).toBe(200);
  });

  it('REST: GET /v1/invoices/:id/pdf and /v1/credit-notes/:id/pdf answer B for A’s documents as for missing ones', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const get = async (key: string, path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: type.includes('json') ? ((await response.json()) as unknown) : type };
    };
    for (const [kind, id] of [
      ['invoices', A.issuedInvoice],
      ['invoices', A.draftInvoice],
      ['credit-notes', A.creditNote],
    ]) {
      const missing = await get(B.apiKey, `/v1/${kind}/${randomUUID()}/pdf`);
      expect(missing).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: 'NOT_FOUND' } }] } });
      expect(await get(B.apiKey, `/v1/${kind}/${id}/pdf`)).toEqual(missing);
      expect(await get(A.apiKey, `/v1/${kind}/${id}/pdf`)).toEqual({ status: 200, body: 'application/pdf' });
    }
  });

  it('REST: GET /v1/reports/* never hold A’s rows for B, and A’s customer is unknown to B', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const get = async (key: string, path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: response.status, text: await response.text() };
    };
    const all = 'status=DRAFT,ISSUED,OVERDUE,PAID,VOID';
    const ofA = [A.issuedInvoice, A.draftInvoice, A.creditNote, A.customer.id, A.subscription, A.issuedSubscription];
    for (const report of ['invoices', 'invoice-lines', 'tax-summary', 'credit-notes', 'payments', 'usage']) {
      const own = await get(A.apiKey, `/v1/reports/${report}?${all}`);
      expect([report, own.status]).toEqual([report, 200]);
      const foreign = await get(B.apiKey, `/v1/reports/${report}?${all}`);
      expect([report, foreign.status, ofA.filter((id) => foreign.text.includes(id))]).toEqual([report, 200, []]);
      const byId = await get(B.apiKey, `/v1/reports/${report}?customer=${A.customer.id}`);
      expect([report, byId.status, JSON.parse(byId.text)]).toEqual([
        report,
        400,
        { errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT', field: 'customer' } }] },
      ]);
    }
    // A's own report has A's invoices (the check above proves something).
    expect((await get(A.apiKey, `/v1/reports/invoices?${all}`)).text).toContain(A.issuedInvoice);
  });

  it.each(freshCases)('Mutation.%s with A’s references works exactly as with new ones, and leaves A as it was', async (field) => {
    const problems: string[] = [];
    for (const probe of MUTATIONS[field].fresh!) problems.push(...(await attempt('Mutation', field, probe)));
    expect(problems).toEqual([]);
  });

  it('resolves a reference both platforms use to the caller’s own object, for reads and changes', async () => {
    // The fresh cases above gave B a feature, plan, product, item, meter and customer with A's references.
    const lookups: Array<[string, string, (w: World) => Ref]> = [
      ['query ($r: String!) { x: product(product: $r) { id } }', 'product', (w) => w.product],
      ['query ($r: String!) { x: productItem(productItem: $r) { id } }', 'productItem', (w) => w.feeItem],
      ['query ($r: String!) { x: pricingPlan(plan: $r) { id } }', 'pricingPlan', (w) => w.plan],
      ['query ($r: String!) { x: meter(meter: $r) { id } }', 'meter', (w) => w.meter],
      ['query ($r: String!) { x: customer(reference: $r) { id } }', 'customer', (w) => w.customer],
    ];
    const seen: Record<string, unknown> = {};
    for (const [query, name, pick] of lookups) {
      const r = pick(A).reference;
      const mine = await waitFor(
        async () => (await B.client.expectData<{ x: { id: string } | null }>(query, { r })).x ?? undefined,
        `B's ${name} ${r}`,
      );
      const theirs = (await A.client.expectData<{ x: { id: string } | null }>(query, { r })).x;
      seen[name] = { mineIsA: mine.id === pick(A).id, theirsIsA: theirs?.id === pick(A).id };
    }
    expect(seen).toEqual(Object.fromEntries(lookups.map(([, name]) => [name, { mineIsA: false, theirsIsA: true }])));

    // Changes by the shared reference change B's object only.
    const archived = await B.client.expectData<{ changeProductStatus: { id: string; status: string } }>(
      'mutation ($r: String!) { changeProductStatus(product: $r, action: ARCHIVE) { id status } }',
      { r: A.product.reference },
    );
    expect(archived.changeProductStatus.status).toBe('ARCHIVED');
    expect(archived.changeProductStatus.id).not.toBe(A.product.id);
    const renamed = await B.client.expectData<{ updateCustomer: { id: string; name: string } }>(
      'mutation ($r: String!) { updateCustomer(customer: $r, input: { name: "Renamed by B" }) { id name } }',
      { r: A.customer.reference },
    );
    expect(renamed.updateCustomer.id).not.toBe(A.customer.id);
    expect(differences(baseline, await snapshotOf(A))).toEqual([]);
  });

  it('keeps idempotency keys per platform: B reusing A’s key and input gets its own result', async () => {
    const create =
      'mutation ($key: String) { createFeature(idempotencyKey: $key, input: { reference: "idem", name: "Idem" }) { id reference } }';
    const key = `shared-${randomBytes(4).toString('hex')}`;
    const first = await A.client.expectData<{ createFeature: Ref }>(create, { key });
    const mine = await B.client.expectData<{ createFeature: Ref }>(create, { key });
    expect(mine.createFeature.id).not.toBe(first.createFeature.id);
    expect(await B.client.expectData(create, { key })).toEqual(mine);
    expect(await A.client.expectData(create, { key })).toEqual(first);
  });
});
