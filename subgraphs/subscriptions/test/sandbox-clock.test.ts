import { eventContracts } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { subscriptionsSubgraph } from '../src';
import { planVersionPricing } from './subscription-fixtures';

type Errors = Array<{ extensions: { code: string; field?: string; reason?: string } }> | undefined;
const SETTINGS = `{ platformSettings { id sandbox now } }`;
const ADVANCE = `mutation ($to: DateTime!) { advanceSandboxClock(to: $to) { id sandbox now } }`;
const DAY = 86_400_000;

describe('sandbox clocks (issue 16)', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('advances a sandbox, publishes subscriptions.platform.clock_advanced keeping its contract, and serves its time', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform('admin', { sandbox: true });
    const to = new Date(Date.now() + 90 * DAY);
    const advanced = await send<{ advanceSandboxClock: { id: string; sandbox: boolean; now: string } }>(ADVANCE, { to: to.toISOString() });
    expect(advanced.errors).toBeUndefined();
    expect(advanced.data!.advanceSandboxClock).toMatchObject({ id: platformId, sandbox: true });
    expect(Date.parse(advanced.data!.advanceSandboxClock.now) - to.getTime()).toBeLessThan(1000);

    const [row] = await waitFor(async () => {
      const rows = await subgraph.running.db.query<{ envelope: unknown; sent_at: Date | null }>(
        `SELECT envelope, sent_at FROM outbox WHERE platform_id = $1`,
        [platformId],
      );
      return rows.length === 1 && rows[0].sent_at ? rows : undefined;
    }, 'the outbox row to be published');
    const event = eventContracts().check(row.envelope);
    expect(event).toMatchObject({ type: 'subscriptions.platform.clock_advanced', platformId, data: { now: to.toISOString() } });
    const offsetMs = (event.data as { offsetMs: number }).offsetMs;
    expect(Math.abs(offsetMs - 90 * DAY)).toBeLessThan(5000);
    // The advance happened at the sandbox's time before the move (here: real time).
    expect(Math.abs(Date.parse(event.occurredAt) - Date.now())).toBeLessThan(60_000);

    const { data } = await send<{ platformSettings: { now: string } }>(SETTINGS);
    expect(Date.parse(data!.platformSettings.now)).toBeGreaterThanOrEqual(to.getTime());
  });

  it('creates a subscription without startAt at the sandbox’s time, in its period; another platform stays on real time', async () => {
    const sandbox = subgraph.clientForNewPlatform('admin', { sandbox: true });
    const other = subgraph.clientForNewPlatform();
    const to = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 5, 15, 12));
    expect((await sandbox.send(ADVANCE, { to: to.toISOString() })).errors).toBeUndefined();
    for (const tenant of [sandbox, other]) {
      const version = await planVersionPricing(subgraph, tenant.platformId, []);
      await tenant.send(`mutation { createCustomer(input: { reference: "acme", name: "Acme", currency: "EUR" }) { id } }`);
      const created = await tenant.send<{ createSubscription: { startAt: string } }>(
        `mutation ($v: ID!) { createSubscription(input: { customer: "acme", planVersion: $v }) { startAt } }`,
        { v: version },
      );
      expect(created.errors).toBeUndefined();
      const startAt = Date.parse(created.data!.createSubscription.startAt);
      const expected = tenant === sandbox ? to.getTime() : Date.now();
      expect(Math.abs(startAt - expected)).toBeLessThan(60_000);
    }
    const { data } = await other.send<{ platformSettings: { sandbox: boolean; now: string } }>(SETTINGS);
    expect(data!.platformSettings.sandbox).toBe(false);
    expect(Math.abs(Date.parse(data!.platformSettings.now) - Date.now())).toBeLessThan(60_000);
  });

  it('ends a sandbox’s subscription once its own time passes the end; the same subscription elsewhere keeps running', async () => {
    const sandbox = subgraph.clientForNewPlatform('admin', { sandbox: true });
    const other = subgraph.clientForNewPlatform();
    const endAt = new Date(Date.now() + 10 * DAY).toISOString();
    const ids: string[] = [];
    for (const tenant of [sandbox, other]) {
      const version = await planVersionPricing(subgraph, tenant.platformId, []);
      await tenant.send(`mutation { createCustomer(input: { reference: "acme", name: "Acme", currency: "EUR" }) { id } }`);
      const created = await tenant.send<{ createSubscription: { id: string } }>(
        `mutation ($v: ID!, $end: DateTime!) { createSubscription(input: { customer: "acme", planVersion: $v, endAt: $end }) { id } }`,
        { v: version, end: endAt },
      );
      expect(created.errors).toBeUndefined();
      ids.push(created.data!.createSubscription.id);
    }
    expect((await sandbox.send(ADVANCE, { to: new Date(Date.now() + 11 * DAY).toISOString() })).errors).toBeUndefined();
    const statusOf = async (tenant: typeof sandbox, id: string) =>
      (await tenant.send<{ subscription: { status: string } }>(`query ($id: ID!) { subscription(id: $id) { status } }`, { id })).data!
        .subscription.status;
    await waitFor(async () => ((await statusOf(sandbox, ids[0])) === 'ENDED' ? true : undefined), 'the sandbox’s subscription to end');
    expect(await statusOf(other, ids[1])).toBe('ACTIVE');
  });

  it('refuses production platforms, going back, and other roles than admin', async () => {
    const production = subgraph.clientForNewPlatform();
    const refused = (await production.send(ADVANCE, { to: '2031-01-01T00:00:00Z' })).errors as Errors;
    expect(refused?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', field: 'to', reason: 'PRODUCTION_PLATFORM' });

    const sandbox = subgraph.clientForNewPlatform('admin', { sandbox: true });
    expect((await sandbox.send(ADVANCE, { to: new Date(Date.now() + 10 * DAY).toISOString() })).errors).toBeUndefined();
    const back = (await sandbox.send(ADVANCE, { to: new Date(Date.now() + 5 * DAY).toISOString() })).errors as Errors;
    expect(back?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });

    const read = subgraph.clientForNewPlatform('read', { sandbox: true });
    expect(((await read.send(ADVANCE, { to: '2031-01-01T00:00:00Z' })).errors as Errors)?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
