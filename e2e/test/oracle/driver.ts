import { waitFor } from '@meterline/kit/testing';
import { ACTIVATE_METER, CREATE_CUSTOMER, CREATE_METER, INGEST, type GatewayClient } from '../testkit';
import { NAMED_SUBSCRIPTIONS_SUPPORTED, type EventSpec, type History, type Step } from './generator';
import type { OracleEvent, OracleItem, OraclePhase, OracleSubscription, PriceJson } from './recompute';

/**
 * Plays a history through the gateway only (GraphQL, and POST /v1/events for some batches) and keeps the oracle's own
 * model of what the platform accepted: subscriptions with their phases (a change at t ends the phase running at t and
 * replaces later ones; a new plan version drops the overrides), and the accepted events with ingestion's ids.
 */

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;

export interface Played {
  subscriptions: OracleSubscription[];
  /** Subscription index → platform id (undefined when its creation was refused). */
  subscriptionIds: Array<string | undefined>;
  customerIds: string[];
  items: OracleItem[];
  itemIds: Record<string, string>;
  events: OracleEvent[];
  /** Steps the platform refused (recorded and skipped), and anything the driver found odd. */
  skipped: string[];
  anomalies: string[];
  /** Invoices as issued: they must never change. */
  issued: Map<string, string>;
}

interface ModelPhase {
  startsAt: number;
  endsAt: number | null;
  version: number;
  overrides: Record<string, PriceJson>;
}

const CREATE_SUBSCRIPTION = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id startAt endAt anchor } }`;
const CHANGE = `mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!, $at: DateTime!) { cancelSubscription(subscription: $id, effective: AT, at: $at) { id endAt } }`;
const DRAFTS = `query ($customer: ID!, $after: String) { invoices(customer: $customer, status: DRAFT, first: 100, after: $after) {
  edges { node { id periodEnd } } pageInfo { hasNextPage endCursor } } }`;
const ISSUE = `mutation ($id: ID!) { issueInvoice(id: $id) { id status subtotal { amount } lines { amount { amount } } } }`;

export const issuedSnapshot = (invoice: { subtotal: { amount: string }; lines: Array<{ amount: { amount: string } }> }) =>
  JSON.stringify([invoice.subtotal.amount, invoice.lines.map((l) => l.amount.amount)]);

/** The catalog's GraphQL PriceInput for an engine-JSON price (GRADUATED_PERCENTAGE tiers are `percentageTiers` there). */
function priceInput(json: PriceJson): Record<string, unknown> {
  const config = (c: Record<string, unknown>) => {
    const { tiers, dimensions: _dimensions, ...rest } = c;
    if (tiers === undefined) return rest;
    return c.model === 'GRADUATED_PERCENTAGE' ? { ...rest, percentageTiers: tiers } : { ...rest, tiers };
  };
  const input = config(json);
  const dimensions = json.dimensions as Array<{ match: Record<string, string>; config: PriceJson }> | undefined;
  if (dimensions) input.dimensions = dimensions.map((rule) => ({ match: rule.match, price: config(rule.config) }));
  return input;
}

const iso = (t: number) => new Date(t).toISOString();
const codeOf = (errors: Errors) =>
  `${String(errors?.[0]?.extensions?.code)}${errors?.[0]?.extensions?.field ? `(${String(errors[0].extensions.field)})` : ''}: ${errors?.[0]?.message}`;

export async function playHistory(client: GatewayClient, gatewayUrl: string, apiKey: string, history: History): Promise<Played> {
  const skipped: string[] = [];
  const anomalies: string[] = [];
  // ── Catalog: meters with their metrics, one product per lane, one plan per lane with its versions.
  for (const meter of history.meters) {
    const metrics = history.items.filter((i) => i.metric.meter === meter.reference).map((i) => i.metric);
    await client.expectData(CREATE_METER, {
      input: {
        reference: meter.reference,
        name: meter.reference,
        values: meter.values.map((v) => ({ ...v, ...(v.type === 'AMOUNT' ? { currency: 'EUR' } : {}) })),
        properties: meter.properties,
        metrics: metrics.map((m) => ({
          reference: m.reference,
          aggregation: m.aggregation,
          valueReference: m.valueReference,
          property: m.property,
          filters: Object.entries(m.filters).map(([property, values]) => ({ property, values })),
        })),
      },
    });
    await client.expectData(ACTIVATE_METER, { meter: meter.reference });
  }
  const itemIds: Record<string, string> = {};
  const lanes = [...new Set(history.items.map((i) => i.lane))];
  for (const lane of lanes) {
    await client.expectData(`mutation ($r: String!) { createProduct(input: { reference: $r, name: $r }) { id } }`, { r: `p${lane}` });
    for (const item of history.items.filter((i) => i.lane === lane)) {
      const { createProductItem } = await client.expectData<{ createProductItem: { id: string } }>(
        `mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id } }`,
        {
          input: {
            product: `p${lane}`,
            reference: item.reference,
            name: item.reference,
            chargeType: 'USAGE',
            meterReference: item.metric.meter,
            metricReference: item.metric.reference,
          },
        },
      );
      itemIds[item.reference] = createProductItem.id;
    }
    await client.expectData(`mutation ($r: String!) { changeProductStatus(product: $r, action: ACTIVATE) { status } }`, { r: `p${lane}` });
  }
  const versionIds: string[][] = [];
  for (const plan of history.plans) {
    const ids: string[] = [];
    let previous: Record<string, PriceJson> = {};
    for (const prices of plan.versions) {
      let id: string;
      if (ids.length === 0) {
        const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
          `mutation ($r: String!) { createPricingPlan(input: { reference: $r, name: $r, currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
          { r: plan.reference },
        );
        id = createPricingPlan.versions[0].id;
      } else {
        id = (
          await client.expectData<{ createPlanVersion: { id: string } }>(`mutation ($r: String!) { createPlanVersion(plan: $r) { id } }`, {
            r: plan.reference,
          })
        ).createPlanVersion.id;
      }
      for (const item of Object.keys(previous)) {
        if (!prices[item])
          await client.expectData(`mutation ($v: ID!, $i: String!) { removePrice(planVersion: $v, productItem: $i) { id } }`, {
            v: id,
            i: item,
          });
      }
      for (const [item, price] of Object.entries(prices)) {
        await client.expectData(`mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`, {
          input: { planVersion: id, productItem: item, price: priceInput(price) },
        });
      }
      await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: id });
      ids.push(id);
      previous = prices;
    }
    versionIds.push(ids);
  }
  const customerIds: string[] = [];
  for (let c = 0; c < history.customers; c += 1) {
    const { createCustomer } = await client.expectData<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, {
      input: { reference: `c${c}`, name: `Customer ${c}`, currency: 'EUR' },
    });
    customerIds.push(createCustomer.id);
  }
  // Metering learns of customers through NATS: wait, or events would be stored as unmatched.
  for (let c = 0; c < history.customers; c += 1) {
    await waitFor(
      async () =>
        (
          await client.send(
            `{ usage(customer: "c${c}", metric: "${history.items[0].metric.reference}", from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z") { value } }`,
          )
        ).data,
      'metering to know the customer',
      20_000,
    );
  }

  // ── The model.
  const models: Array<
    { id: string; startAt: number; endAt: number | null; anchor: number; lane: number; customer: number; phases: ModelPhase[] } | undefined
  > = history.subscriptions.map(() => undefined);
  const events = new Map<string, OracleEvent>();
  const namedAtFirstSend = new Map<string, string | undefined>();
  const issued = new Map<string, string>();
  const pricesAt = (lane: number, phase: ModelPhase) => ({ ...history.plans[lane].versions[phase.version], ...phase.overrides });

  const restUrl = gatewayUrl.replace(/\/graphql$/, '') + '/v1/events';
  const ingest = async (step: Extract<Step, { kind: 'ingest' }>) => {
    // A subscription's id exists once it is created: an event sent before names none, and so do its re-sends (the
    // same content; a re-send naming it would be another event under the same reference, a CONFLICT).
    const named = (e: EventSpec) => {
      const key = `${e.meter}/${e.reference}`;
      if (!namedAtFirstSend.has(key)) namedAtFirstSend.set(key, e.subscription !== null ? models[e.subscription]?.id : undefined);
      return namedAtFirstSend.get(key);
    };
    const wire = step.events.map((e) => ({
      meterReference: e.meter,
      customerReference: `c${e.customer}`,
      reference: e.reference,
      timestamp: iso(e.timestamp),
      meterValues: [
        ...Object.entries(e.numbers).map(([reference, number]) => ({ reference, number })),
        ...Object.entries(e.amounts).map(([reference, quantity]) => ({ reference, amount: { currency: 'EUR', quantity } })),
      ],
      properties: e.properties,
      ...(NAMED_SUBSCRIPTIONS_SUPPORTED && named(e) ? { subscriptionId: named(e) } : {}),
    }));
    let results: Array<{ status: string; eventId: string | null; reason?: string | null }>;
    if (step.via === 'graphql') {
      results = (await client.expectData<{ ingestUsageEvents: { results: typeof results } }>(INGEST, { events: wire })).ingestUsageEvents
        .results;
    } else {
      const body = wire.map((e) => ({
        meter_reference: e.meterReference,
        customer_reference: e.customerReference,
        reference: e.reference,
        timestamp: e.timestamp,
        meter_values: e.meterValues,
        properties: e.properties,
        ...('subscriptionId' in e ? { subscription_id: e.subscriptionId } : {}),
      }));
      const response = await fetch(restUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`POST /v1/events: ${response.status} ${await response.text()}`);
      results = ((await response.json()) as { results: typeof results }).results;
    }
    // Metering may not know a new customer yet (it learns through NATS): such events are stored as unmatched; match
    // them again until they are, then they count like any accepted event.
    // Likewise a subscription it names, just created.
    const unmatched = results.filter((r) => r.status === 'UNMATCHED' && r.eventId && /CUSTOMER|SUBSCRIPTION/.test(r.reason ?? ''));
    if (unmatched.length > 0) {
      const ids = unmatched.map((r) => r.eventId);
      await waitFor(
        async () =>
          (
            await client.expectData<{ reprocessUnmatchedEvents: { stillUnmatched: number } }>(
              `mutation ($ids: [ID!]) { reprocessUnmatchedEvents(filter: { ids: $ids }) { stillUnmatched } }`,
              { ids },
            )
          ).reprocessUnmatchedEvents.stillUnmatched === 0,
        'unmatched events to match their customer',
        20_000,
      ).catch(() => anomalies.push(`events ${ids.join(', ')} stayed unmatched`));
      for (const r of unmatched) r.status = 'ACCEPTED';
    }
    step.events.forEach((e, index) => {
      const result = results[index];
      const key = `${e.meter}/${e.reference}`;
      const first = events.get(key);
      if (result.status === 'ACCEPTED' && !first && result.eventId) {
        events.set(key, {
          id: result.eventId,
          customer: customerIds[e.customer],
          meter: e.meter,
          timestamp: e.timestamp,
          values: { ...e.numbers, ...e.amounts },
          properties: e.properties,
          subscription: NAMED_SUBSCRIPTIONS_SUPPORTED ? (named(e) ?? null) : null,
        });
      } else if (result.status === 'DUPLICATE' && first && result.eventId === first.id) {
        // a re-send: counted once
      } else anomalies.push(`event ${key} via ${step.via}: ${result.status} ${result.reason ?? ''} (first: ${first?.id ?? 'none'})`);
    });
  };

  const issue = async (customer: number | null) => {
    const customers = customer === null ? customerIds : [customerIds[customer]];
    for (const id of customers) {
      const drafts: Array<{ id: string; periodEnd: string }> = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          invoices: { edges: Array<{ node: { id: string; periodEnd: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
        } = await client.expectData(DRAFTS, { customer: id, after });
        drafts.push(...page.invoices.edges.map((e) => e.node));
        if (!page.invoices.pageInfo.hasNextPage) break;
        after = page.invoices.pageInfo.endCursor;
      }
      for (const draft of drafts.filter((d) => Date.parse(d.periodEnd) <= Date.now())) {
        const response = await client.send<{
          issueInvoice: { id: string; subtotal: { amount: string }; lines: Array<{ amount: { amount: string } }> };
        }>(ISSUE, { id: draft.id });
        if (response.data?.issueInvoice) issued.set(draft.id, issuedSnapshot(response.data.issueInvoice));
        // A correction whose recomputation came out empty is removed: gone by now (NOT_FOUND) or as it is issued (CONFLICT).
        else if (!['CONFLICT', 'NOT_FOUND'].includes(String(response.errors?.[0]?.extensions?.code)))
          anomalies.push(`issueInvoice ${draft.id}: ${codeOf(response.errors)}`);
      }
    }
  };

  for (const step of history.steps) {
    if (step.kind === 'subscribe') {
      const spec = history.subscriptions[step.subscription];
      const input = {
        customer: `c${spec.customer}`,
        planVersion: versionIds[spec.lane][spec.version],
        startAt: iso(spec.startAt),
        billingAnchor: iso(spec.anchor),
        ...(spec.endAt !== null ? { endAt: iso(spec.endAt) } : {}),
      };
      // The plan version reaches subscriptions through NATS: retry while it is unknown there.
      const response = await waitFor(
        async () => {
          const r = await client.send<{ createSubscription: { id: string; startAt: string; endAt: string | null; anchor: string } }>(
            CREATE_SUBSCRIPTION,
            { input },
          );
          return r.errors?.[0]?.extensions?.field === 'planVersion' ? undefined : r;
        },
        'the plan version to reach subscriptions',
        20_000,
      );
      const created = response.data?.createSubscription;
      if (!created) {
        skipped.push(`subscribe #${step.subscription}: ${codeOf(response.errors)}`);
        continue;
      }
      models[step.subscription] = {
        id: created.id,
        startAt: spec.startAt,
        endAt: spec.endAt,
        anchor: spec.anchor,
        lane: spec.lane,
        customer: spec.customer,
        phases: [{ startsAt: spec.startAt, endsAt: null, version: spec.version, overrides: {} }],
      };
    } else if (step.kind === 'ingest') {
      await ingest(step);
    } else if (step.kind === 'issue') {
      await issue(step.customer);
    } else {
      const model = models[step.subscription];
      if (!model) {
        skipped.push(`${step.kind} #${step.subscription}: not created`);
        continue;
      }
      if (step.kind === 'cancel') {
        const response = await client.send<{ cancelSubscription: { endAt: string } }>(CANCEL, { id: model.id, at: iso(step.at) });
        if (!response.data?.cancelSubscription) {
          skipped.push(`cancel #${step.subscription} at ${iso(step.at)}: ${codeOf(response.errors)}`);
          continue;
        }
        model.endAt = Date.parse(response.data.cancelSubscription.endAt);
        if (model.endAt !== Math.min(step.at, model.endAt))
          anomalies.push(`cancel #${step.subscription}: endAt ${response.data.cancelSubscription.endAt}`);
        continue;
      }
      const overrides = step.overrides?.map((o) => ({ productItem: itemIds[o.item], price: o.price }));
      const response = await client.send(CHANGE, {
        input: {
          subscription: model.id,
          effective: 'AT',
          at: iso(step.at),
          ...(step.planVersion !== undefined ? { planVersion: versionIds[model.lane][step.planVersion] } : {}),
          ...(step.seats !== undefined ? { seats: step.seats } : {}),
          ...(overrides ? { overrides } : {}),
        },
      });
      if (response.errors?.length) {
        skipped.push(`change #${step.subscription} at ${iso(step.at)}: ${codeOf(response.errors)}`);
        continue;
      }
      const current = [...model.phases].reverse().find((p) => p.startsAt <= step.at)!;
      const next: ModelPhase = { ...current, startsAt: step.at, endsAt: null };
      if (step.planVersion !== undefined) {
        next.version = step.planVersion;
        next.overrides = {};
      }
      if (step.overrides) next.overrides = Object.fromEntries(step.overrides.map((o) => [o.item, o.price]));
      model.phases = [
        ...model.phases
          .filter((p) => p.startsAt < step.at)
          .map((p) => (p.endsAt === null || p.endsAt > step.at ? { ...p, endsAt: step.at } : p)),
        next,
      ];
    }
  }

  const subscriptions: OracleSubscription[] = [];
  for (const model of models) {
    if (!model) continue;
    subscriptions.push({
      id: model.id,
      customer: customerIds[model.customer],
      startAt: model.startAt,
      endAt: model.endAt,
      anchor: model.anchor,
      phases: model.phases.map((p): OraclePhase => ({ startsAt: p.startsAt, endsAt: p.endsAt, prices: pricesAt(model.lane, p) })),
    });
  }
  const items: OracleItem[] = history.items.map((i) => ({
    reference: i.reference,
    meter: i.metric.meter,
    metricReference: i.metric.reference,
    metric: {
      aggregation: i.metric.aggregation,
      valueReference: i.metric.valueReference,
      property: i.metric.property,
      filters: i.metric.filters,
    },
  }));
  return {
    subscriptions,
    subscriptionIds: models.map((m) => m?.id),
    customerIds,
    items,
    itemIds,
    events: [...events.values()],
    skipped,
    anomalies,
    issued,
  };
}

/** Subscriptions' own phases, to tell a model disagreement from a billing one. */
export async function platformPhases(client: GatewayClient, played: Played): Promise<string[]> {
  const problems: string[] = [];
  for (const sub of played.subscriptions) {
    const { subscription } = await client.expectData<{
      subscription: { startAt: string; endAt: string | null; anchor: string; phases: Array<{ startsAt: string; endsAt: string | null }> };
    }>(`query ($id: ID!) { subscription(id: $id) { startAt endAt anchor phases { startsAt endsAt } } }`, { id: sub.id });
    const theirs = JSON.stringify([
      subscription.startAt,
      subscription.endAt,
      subscription.anchor,
      subscription.phases.map((p) => [p.startsAt, p.endsAt]),
    ]);
    const ours = JSON.stringify([
      iso(sub.startAt),
      sub.endAt === null ? null : iso(sub.endAt),
      iso(sub.anchor),
      sub.phases.map((p) => [iso(p.startsAt), p.endsAt === null ? null : iso(p.endsAt)]),
    ]);
    if (theirs !== ours) problems.push(`subscription ${sub.id}: platform ${theirs}, oracle ${ours}`);
  }
  return problems;
}
