/**
 * The differential billing oracle (issue 13, point 7): random billing histories played through the gateway only, and
 * the invoices compared with the oracle's own recomputation from the raw events (oracle/recompute.ts: pure packages
 * only, never invoicing's code). One platform stack for the file; each history is its own tenant; histories run
 * concurrently on the real clock and live in the recent past.
 *
 *   cd e2e && DATABASE_URL=postgres://postgres@127.0.0.1:5432/meterline_wt_oracle NATS_URL=nats://127.0.0.1:4222 \
 *     npx jest test/billing-oracle.test.ts
 *
 * Environment: ORACLE_HISTORIES (default 200), ORACLE_SEED (default: random, printed), ORACLE_CONCURRENCY (default 6),
 * ORACLE_ALIGNED=1 (hour-aligned anchors/starts/ends, no changes or cancellations), ORACLE_KEEP_GOING=1 (run every
 * history and report every failure instead of stopping at the first), ORACLE_NOW (epoch ms the histories are drawn
 * against; printed), ORACLE_SETTLE_MS (default 20000: how long invoices may take to agree; longer while the services'
 * /metrics show messages still waiting, and a failure then says NOT SETTLED). Replay one failing history alone with what the failure prints:
 *
 *   ORACLE_SEED=<seed> ORACLE_NOW=<now> ORACLE_PATH=<index> npx jest test/billing-oracle.test.ts
 */
import { Decimal } from '@meterline/money';
import { gatewayClient, newTenant, startPlatform, type GatewayClient } from './testkit';
import { sampleHistories, type History } from './oracle/generator';
import { issuedSnapshot, platformPhases, playHistory, type Played } from './oracle/driver';
import { expectedPeriods, type ExpectedPeriod } from './oracle/recompute';

const HISTORIES = Number(process.env.ORACLE_HISTORIES ?? 200);
const SEED = Number(process.env.ORACLE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const NOW = Number(process.env.ORACLE_NOW ?? Date.now());
const PATH = process.env.ORACLE_PATH === undefined ? undefined : Number(process.env.ORACLE_PATH);
const CONCURRENCY = Number(process.env.ORACLE_CONCURRENCY ?? 6);
const ALIGNED = process.env.ORACLE_ALIGNED === '1';
const KEEP_GOING = process.env.ORACLE_KEEP_GOING === '1';
const SETTLE_MS = Number(process.env.ORACLE_SETTLE_MS ?? 20_000);
const POLL_MS = 250;

interface InvoiceView {
  id: string;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  subscription: { id: string } | null;
  subtotal: { amount: string };
  lines: Array<{
    kind: string;
    description: string;
    quantity: string | null;
    amount: { amount: string };
    productItem: { id: string } | null;
  }>;
}
const INVOICES = `query ($customer: ID!, $after: String) { invoices(customer: $customer, first: 100, after: $after) {
  edges { node { id kind status periodStart periodEnd subscription { id } subtotal { amount }
    lines { kind description quantity amount { amount } productItem { id } } } }
  pageInfo { hasNextPage endCursor } } }`;

async function invoicesOf(client: GatewayClient, customers: string[]): Promise<InvoiceView[]> {
  const all: InvoiceView[] = [];
  for (const customer of customers) {
    let after: string | null = null;
    for (;;) {
      const page: { invoices: { edges: Array<{ node: InvoiceView }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } =
        await client.expectData(INVOICES, { customer, after });
      all.push(...page.invoices.edges.map((e) => e.node));
      if (!page.invoices.pageInfo.hasNextPage) break;
      after = page.invoices.pageInfo.endCursor;
    }
  }
  return all;
}

const iso = (t: number) => new Date(t).toISOString();

/** Every difference between the invoices and the expectation, readably; [] when the invariant holds. */
function differences(expected: ExpectedPeriod[], invoices: InvoiceView[], played: Played): string[] {
  const itemOf = Object.fromEntries(Object.entries(played.itemIds).map(([reference, id]) => [id, reference]));
  const live = invoices.filter((i) => i.status !== 'VOID' && (i.kind === 'SUBSCRIPTION' || i.kind === 'CORRECTION'));
  const keys = new Set<string>([
    ...expected.map((e) => `${e.subscription}|${iso(e.start)}`),
    ...live.filter((i) => i.subscription).map((i) => `${i.subscription!.id}|${i.periodStart}`),
  ]);
  const out: string[] = [];
  for (const key of [...keys].sort()) {
    const [subscription, start] = key.split('|');
    const exp = expected.find((e) => e.subscription === subscription && iso(e.start) === start);
    const mine = live.filter((i) => i.subscription?.id === subscription && i.periodStart === start);
    const subtotal = mine.reduce((sum, i) => sum.plus(i.subtotal.amount), new Decimal(0));
    const perItem = new Map<string, Decimal>();
    for (const line of mine.flatMap((i) => i.lines)) {
      const item = line.productItem ? (itemOf[line.productItem.id] ?? line.productItem.id) : `(${line.kind})`;
      perItem.set(item, (perItem.get(item) ?? new Decimal(0)).plus(line.amount.amount));
    }
    const problems: string[] = [];
    const total = new Decimal(exp?.total ?? '0');
    if (!subtotal.eq(total)) problems.push(`total expected ${total.toFixed()}, invoices' subtotals ${subtotal.toFixed()}`);
    for (const item of new Set([...Object.keys(exp?.items ?? {}), ...perItem.keys()])) {
      const want = new Decimal(exp?.items[item] ?? '0');
      const got = perItem.get(item) ?? new Decimal(0);
      if (!want.eq(got)) problems.push(`item ${item}: expected ${want.toFixed()}, lines ${got.toFixed()}`);
    }
    if (problems.length === 0) continue;
    const index = played.subscriptionIds.indexOf(subscription);
    out.push(
      [
        `subscription #${index} ${subscription}, period ${start}${exp ? ` – ${iso(exp.end)}` : ' (not expected)'}:`,
        ...problems.map((p) => `  ${p}`),
        ...Object.entries(exp?.stretches ?? {}).flatMap(([item, stretches]) =>
          stretches.map(
            (s) =>
              `  expected ${item} [${iso(s.start)}, ${iso(s.end)}) ${JSON.stringify(s.price)}: ${s.events.length} event(s) → ${s.exact} → ${s.amount}`,
          ),
        ),
        ...mine.flatMap((i) => [
          `  invoice ${i.kind} ${i.status} ${i.id} subtotal ${i.subtotal.amount}`,
          ...i.lines.map(
            (l) => `    ${l.kind} ${l.productItem ? itemOf[l.productItem.id] : ''} "${l.description}" q=${l.quantity} ${l.amount.amount}`,
          ),
        ]),
      ].join('\n'),
    );
  }
  for (const [id, snapshot] of played.issued) {
    const now = invoices.find((i) => i.id === id);
    if (!now || issuedSnapshot(now) !== snapshot)
      out.push(`issued invoice ${id} changed: was ${snapshot}, now ${now ? issuedSnapshot(now) : 'gone'}`);
  }
  return out;
}

/**
 * What the services' /metrics say is still on its way (every tenant's: the histories share one platform): outbox rows
 * not yet published and stream messages not yet handled, e.g. ['metering outbox 3', 'invoicing METERING 120'].
 */
async function pipelineBacklog(urls: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  for (const [service, base] of Object.entries(urls)) {
    if (service === 'gateway') continue;
    const text = await fetch(`${base}/metrics`).then((r) => r.text());
    for (const line of text.split('\n')) {
      const outbox = /^\w*outbox_backlog(?:\{[^}]*\})? (\d+)/.exec(line);
      if (outbox && Number(outbox[1]) > 0) out.push(`${service} outbox ${outbox[1]}`);
      const lag = /^\w*consumer_lag\{[^}]*stream="([^"]+)"[^}]*\} (\d+)/.exec(line);
      if (lag && Number(lag[2]) > 0) out.push(`${service} ${lag[1]} ${lag[2]}`);
    }
  }
  return out;
}

interface Outcome {
  index: number;
  ms: number;
  failure?: string;
  skipped: string[];
}

async function runHistory(platform: Awaited<ReturnType<typeof startPlatform>>, history: History, index: number): Promise<Outcome> {
  const started = Date.now();
  const { apiKey } = await newTenant(platform.databaseUrl);
  const client = gatewayClient(platform.gatewayUrl, apiKey);
  const played = await playHistory(client, platform.gatewayUrl, apiKey, history);
  const expected = expectedPeriods(played.subscriptions, played.items, played.events, Date.now());
  let last: string[] = [];
  // Past SETTLE_MS the wait goes on while the pipeline still holds messages (a busy machine), up to 4 × SETTLE_MS: a
  // difference left then, with nothing waiting, is a disagreement; with messages waiting, the platform had not settled.
  const deadline = Date.now() + SETTLE_MS;
  const lastChance = Date.now() + 4 * SETTLE_MS;
  let waiting: string[] = [];
  for (;;) {
    last = differences(expected, await invoicesOf(client, played.customerIds), played);
    if (last.length === 0) break;
    if (Date.now() > deadline) {
      waiting = await pipelineBacklog(platform.urls);
      if (waiting.length === 0 || Date.now() > lastChance) break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  if (last.length > 0 && waiting.length > 0)
    last.unshift(
      `NOT SETTLED after ${Date.now() - started} ms (messages still waiting: ${waiting.join(', ')}): not proof of a wrong invoice`,
    );
  const phases = await platformPhases(client, played);
  const problems = [...played.anomalies.map((a) => `driver: ${a}`), ...phases.map((p) => `phases: ${p}`), ...last];
  const outcome: Outcome = { index, ms: Date.now() - started, skipped: played.skipped };
  if (problems.length > 0) {
    outcome.failure = [
      `history ${index} (replay: ORACLE_SEED=${SEED} ORACLE_NOW=${NOW} ORACLE_PATH=${index}${ALIGNED ? ' ORACLE_ALIGNED=1' : ''})`,
      `skipped steps: ${played.skipped.length ? played.skipped.join('; ') : 'none'}`,
      ...problems,
      `history: ${JSON.stringify(history)}`,
    ].join('\n');
  }
  return outcome;
}

describe('differential billing oracle', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    console.log(`billing oracle: ORACLE_SEED=${SEED} ORACLE_NOW=${NOW} histories=${PATH ?? HISTORIES}${ALIGNED ? ' aligned' : ''}`);
    // Nothing is issued automatically: the histories issue drafts themselves.
    platform = await startPlatform({ serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: String(10 * 365 * 86_400_000) } } });
  }, 120_000);
  afterAll(() => platform?.stop());

  it(
    `bills ${PATH === undefined ? HISTORIES : 1} random histories as recomputed from their events`,
    async () => {
      const options = { now: NOW, aligned: ALIGNED };
      const all = sampleHistories(SEED, PATH === undefined ? HISTORIES : PATH + 1, options);
      const queue = PATH === undefined ? all.map((history, index) => ({ history, index })) : [{ history: all[PATH], index: PATH }];
      const outcomes: Outcome[] = [];
      let stop = false;
      const worker = async () => {
        for (let next = queue.shift(); next && !stop; next = queue.shift()) {
          const outcome = await runHistory(platform, next.history, next.index).catch((error: unknown): Outcome => ({
            index: next!.index,
            ms: 0,
            skipped: [],
            failure: `history ${next!.index}: ${(error as Error).stack}`,
          }));
          outcomes.push(outcome);
          if (outcome.failure && !KEEP_GOING) stop = true;
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const failures = outcomes.filter((o) => o.failure).sort((a, b) => a.index - b.index);
      const skipped = outcomes.flatMap((o) => o.skipped);
      console.log(
        `billing oracle: ${outcomes.length} histories in ${Date.now() - started} ms (mean ${Math.round(
          outcomes.reduce((s, o) => s + o.ms, 0) / Math.max(1, outcomes.length),
        )} ms each), ${failures.length} failed, ${skipped.length} steps refused and skipped${skipped.length ? `:\n  ${skipped.join('\n  ')}` : ''}`,
      );
      if (failures.length > 0) {
        throw new Error(
          `ORACLE_SEED=${SEED} ORACLE_NOW=${NOW}: ${failures.length} of ${outcomes.length} histories disagree (indexes ${failures
            .map((f) => f.index)
            .join(', ')})\n\n${failures.map((f) => f.failure).join('\n\n')}`,
        );
      }
    },
    Math.max(900_000, HISTORIES * 3_000),
  );
});
