import { randomUUID } from 'node:crypto';
import { TestClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import { billingEntityVersionsOfInvoices } from '../src/store/billing-entities.repository';
import { activatedOnOneVersion, customerCreated, planVersionActivated, publish } from './invoicing-fixtures';

const DAY_MS = 86_400_000;
type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

const ENTITY = `id code isDefault version currentVersion { id version legalName invoiceNumberPrefix creditNoteNumberPrefix paymentTermsDays
  address { line1 city country } taxId locale timeZone currency emailFrom }`;
const SELLER = 'billingEntity { id version legalName taxId paymentTermsDays billingEntity { code } }';

interface EntityView {
  id: string;
  code: string;
  isDefault: boolean;
  version: number;
  currentVersion: {
    id: string;
    version: number;
    legalName: string | null;
    invoiceNumberPrefix: string | null;
    paymentTermsDays: number | null;
  };
}
interface SellerView {
  id: string;
  version: number;
  legalName: string | null;
  taxId: string | null;
  paymentTermsDays: number | null;
  billingEntity: { code: string };
}
interface IssuedView {
  id: string;
  number: string;
  issuedAt: string;
  dueAt: string;
  billingEntity: SellerView;
}

const EU = {
  code: 'acme-eu',
  legalName: 'Acme Europe B.V.',
  address: { line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 AA', country: 'NL' },
  taxId: 'NL123456789B01',
  invoiceNumberPrefix: 'EU-',
  creditNoteNumberPrefix: 'EUCN-',
  paymentTermsDays: 14,
  currency: 'EUR',
  locale: 'nl-NL',
  timeZone: 'Europe/Amsterdam',
  emailFrom: 'billing@acme.example',
};

/**
 * Billing entities on real Postgres and NATS: a platform that never touches them bills as before from its default
 * entity; entities are versioned, their own series gapless under concurrent issuing, customers assigned by id or
 * reference, payment terms in their order of precedence, an issued invoice keeps the version it was issued with, and
 * the seller lookup the documents use.
 */
describe('billing entities', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph({ graceMs: 3_600_000, refreshIntervalMs: 20, issueIntervalMs: 50, paymentTermsDays: 30 }),
      { clock, ownDatabase: true },
    );
  });
  afterAll(() => subgraph?.stop());
  beforeEach(() => clock.set('2026-03-10T12:00:00Z'));

  /** A platform with a 100 EUR monthly plan; `customer()` adds a customer on it and returns its March draft. */
  async function platform() {
    const client = subgraph.clientForNewPlatform();
    const { platformId, send } = client;
    const version = planVersionActivated(platformId, clock, [
      { name: 'Fee', chargeType: 'RECURRING', price: { model: 'FLAT', amount: '100' } },
    ]);
    await publish(subgraph, 'catalog', version.event);
    const customer = async () => {
      const c = customerCreated(platformId, clock, null);
      await publish(subgraph, 'subscriptions', c.event);
      await publish(
        subgraph,
        'subscriptions',
        activatedOnOneVersion(platformId, clock, {
          id: randomUUID(),
          customerId: c.id,
          versionId: version.id,
          startAt: '2026-03-01T00:00:00.000Z',
        }),
      );
      const draft = await waitFor(async () => {
        const r = await send<{ invoices: { edges: Array<{ node: { id: string } }> } }>(
          `query ($c: ID) { invoices(customer: $c, first: 5) { edges { node { id } } } }`,
          { c: c.id },
        );
        return r.data?.invoices.edges[0]?.node.id;
      }, 'the draft');
      return { id: c.id, reference: `c-${c.id.slice(0, 8)}`, draft };
    };
    return { ...client, customer };
  }

  const issue = async (send: Send, id: string): Promise<IssuedView> => {
    const r = await send<{ issueInvoice: IssuedView }>(
      `mutation ($id: ID!) { issueInvoice(id: $id) { id number issuedAt dueAt ${SELLER} } }`,
      {
        id,
      },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.issueInvoice;
  };
  const create = (send: Send, input: Record<string, unknown>) =>
    send<{ createBillingEntity: EntityView }>(
      `mutation ($input: CreateBillingEntityInput!) { createBillingEntity(input: $input) { ${ENTITY} } }`,
      {
        input,
      },
    );
  const update = (send: Send, key: string, input: Record<string, unknown>) =>
    send<{ updateBillingEntity: EntityView }>(
      `mutation ($key: String!, $input: UpdateBillingEntityInput!) { updateBillingEntity(billingEntity: $key, input: $input) { ${ENTITY} } }`,
      { key, input },
    );
  const assign = (send: Send, customer: string, entity: string | null) =>
    send<{ assignBillingEntity: { id: string; billingEntity: { code: string } } }>(
      `mutation ($c: String!, $e: String) { assignBillingEntity(customer: $c, billingEntity: $e) { id billingEntity { code } } }`,
      { c: customer, e: entity },
    );
  const seller = async (send: Send, id: string) =>
    (await send<{ invoice: { billingEntity: SellerView } }>(`query ($id: ID!) { invoice(id: $id) { ${SELLER} } }`, { id })).data!.invoice
      .billingEntity;

  it('a platform that never touches entities bills as before: one default entity, INV- numbers, the platform’s terms', async () => {
    const p = await platform();
    const c = await p.customer();
    const invoice = await issue(p.send, c.draft);
    expect(invoice.number).toBe('INV-000001');
    expect(Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)).toBe(30 * DAY_MS);
    const list = await p.send<{ billingEntities: { totalCount: number; edges: Array<{ node: EntityView }> } }>(
      `{ billingEntities(first: 10) { totalCount edges { node { ${ENTITY} } } } }`,
    );
    expect(list.data!.billingEntities.totalCount).toBe(1);
    const [{ node: entity }] = list.data!.billingEntities.edges;
    expect(entity).toMatchObject({
      code: 'default',
      isDefault: true,
      version: 1,
      currentVersion: { legalName: null, invoiceNumberPrefix: null },
    });
    expect(invoice.billingEntity).toMatchObject({ id: entity.currentVersion.id, version: 1, billingEntity: { code: 'default' } });
    const settings = await p.send<{ _entities: unknown[] }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on PlatformSettings {
          invoiceGracePeriodSeconds invoiceGracePeriodSecondsIsDefault defaultBillingEntity { code } } } }`,
      { reps: [{ __typename: 'PlatformSettings', id: p.platformId }] },
    );
    expect(settings.data!._entities).toEqual([
      { invoiceGracePeriodSeconds: 3600, invoiceGracePeriodSecondsIsDefault: true, defaultBillingEntity: { code: 'default' } },
    ]);
    // The default by code and by id; another platform's is nobody's.
    const byCode = await p.send<{ billingEntity: { id: string } | null }>(`{ billingEntity(billingEntity: "default") { id } }`);
    expect(byCode.data!.billingEntity).toEqual({ id: entity.id });
    const other = subgraph.clientForNewPlatform();
    const foreign = await other.send<{ billingEntity: unknown }>(`query ($id: String!) { billingEntity(billingEntity: $id) { id } }`, {
      id: entity.id,
    });
    expect(foreign.data!.billingEntity).toBeNull();
  });

  it('versions an entity: each change a new version, nothing changed none; refusals name the field; admin keys only', async () => {
    const p = await platform();
    const created = await create(p.send, EU);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createBillingEntity).toMatchObject({
      code: 'acme-eu',
      isDefault: false,
      version: 1,
      currentVersion: { version: 1, legalName: 'Acme Europe B.V.', invoiceNumberPrefix: 'EU-', paymentTermsDays: 14 },
    });
    clock.set('2026-03-11T09:00:00Z');
    const v2 = await update(p.send, 'acme-eu', { legalName: 'Acme Europe N.V.', taxId: null });
    expect(v2.data!.updateBillingEntity).toMatchObject({
      version: 2,
      currentVersion: { version: 2, legalName: 'Acme Europe N.V.', taxId: null },
    });
    const same = await update(p.send, created.data!.createBillingEntity.id, { legalName: 'Acme Europe N.V.' });
    expect(same.data!.updateBillingEntity.version).toBe(2);
    const versions = await p.send<{
      billingEntity: { versions: { totalCount: number; edges: Array<{ node: { version: number; legalName: string } }> } };
    }>(`{ billingEntity(billingEntity: "acme-eu") { versions(first: 10) { totalCount edges { node { version legalName } } } } }`);
    expect(versions.data!.billingEntity.versions.edges.map((e) => [e.node.version, e.node.legalName])).toEqual([
      [2, 'Acme Europe N.V.'],
      [1, 'Acme Europe B.V.'],
    ]);

    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [
        { ...EU, code: 'other', invoiceNumberPrefix: 'O-', creditNoteNumberPrefix: 'OCN-', locale: 'nl_NL' },
        'BAD_USER_INPUT',
        'input.locale',
      ],
      [
        { ...EU, code: 'other', invoiceNumberPrefix: 'O-', creditNoteNumberPrefix: 'OCN-', timeZone: 'Europe/Nowhere' },
        'BAD_USER_INPUT',
        'input.timeZone',
      ],
      [
        { ...EU, code: 'other', invoiceNumberPrefix: 'O-', creditNoteNumberPrefix: 'OCN-', currency: 'EUX' },
        'BAD_USER_INPUT',
        'input.currency',
      ],
      [{ ...EU, code: 'other', address: { ...EU.address, country: 'XX' } }, 'BAD_USER_INPUT', 'input.address.country'],
      [{ ...EU, code: 'other', logo: 'http://acme.example/logo.png' }, 'BAD_USER_INPUT', 'input.logo'],
      [{ ...EU, code: 'bad code' }, 'BAD_USER_INPUT', 'input.code'],
      [{ ...EU }, 'CONFLICT', 'input.code'],
      [{ ...EU, code: 'default' }, 'CONFLICT', 'input.code'],
      // EU- is acme-eu's; INV- (the deployment's prefix) the default entity's
      [{ ...EU, code: 'other' }, 'CONFLICT', 'input.invoiceNumberPrefix'],
      [{ ...EU, code: 'other', invoiceNumberPrefix: null, creditNoteNumberPrefix: 'OCN-' }, 'CONFLICT', 'input.invoiceNumberPrefix'],
    ];
    for (const [input, code, field] of refusals) {
      const r = await create(p.send, input);
      expect([field, r.errors?.[0].extensions]).toEqual([field, expect.objectContaining({ code, field })]);
    }
    const missing = await update(p.send, 'nobody', { legalName: 'X' });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'billingEntity' });
    const reader = subgraph.clientForNewPlatform('read');
    expect((await create(reader.send, { ...EU })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    // A read key reads (and sees its platform's default entity).
    const read = await reader.send<{ billingEntities: { totalCount: number } }>(`{ billingEntities { totalCount } }`);
    expect(read.data!.billingEntities.totalCount).toBe(1);
  });

  it('issues with the customer’s entity: its prefix, its terms, its version — kept when the entity changes; credit notes take its series', async () => {
    const p = await platform();
    expect((await create(p.send, EU)).errors).toBeUndefined();
    const eu = await p.customer();
    const home = await p.customer();
    // by reference, then by id back to the default and again to acme-eu
    expect((await assign(p.send, eu.reference, 'acme-eu')).data!.assignBillingEntity).toEqual({
      id: eu.id,
      billingEntity: { code: 'acme-eu' },
    });
    expect((await assign(p.send, eu.id, null)).data!.assignBillingEntity.billingEntity.code).toBe('default');
    await assign(p.send, eu.id, 'acme-eu');
    expect((await assign(p.send, 'nobody', 'acme-eu')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'customer' });
    expect((await assign(p.send, eu.id, 'nothing')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'billingEntity' });

    // A draft shows the customer's entity as it is now.
    expect(await seller(p.send, eu.draft)).toMatchObject({ version: 1, legalName: 'Acme Europe B.V.', billingEntity: { code: 'acme-eu' } });
    expect(await seller(p.send, home.draft)).toMatchObject({ billingEntity: { code: 'default' } });

    const euInvoice = await issue(p.send, eu.draft);
    const homeInvoice = await issue(p.send, home.draft);
    expect(euInvoice).toMatchObject({
      number: 'EU-000001',
      billingEntity: { version: 1, legalName: 'Acme Europe B.V.', taxId: 'NL123456789B01' },
    });
    expect(Date.parse(euInvoice.dueAt) - Date.parse(euInvoice.issuedAt)).toBe(14 * DAY_MS);
    expect(homeInvoice.number).toBe('INV-000001');
    expect(Date.parse(homeInvoice.dueAt) - Date.parse(homeInvoice.issuedAt)).toBe(30 * DAY_MS);

    // The entity changes afterwards: the issued invoice keeps what it was issued with.
    await update(p.send, 'acme-eu', {
      legalName: 'Acme Renamed B.V.',
      taxId: 'NL999',
      paymentTermsDays: 60,
      creditNoteNumberPrefix: 'EUC-',
    });
    const after = await p.send<{ invoice: IssuedView }>(`query ($id: ID!) { invoice(id: $id) { id number issuedAt dueAt ${SELLER} } }`, {
      id: euInvoice.id,
    });
    expect(after.data!.invoice).toEqual(euInvoice);
    const [fromStore] = [...(await billingEntityVersionsOfInvoices(subgraph.running.db.ds, p.platformId, [euInvoice.id])).values()];
    expect(fromStore).toMatchObject({
      legalName: 'Acme Europe B.V.',
      taxId: 'NL123456789B01',
      version: 1,
      code: 'acme-eu',
      locale: 'nl-NL',
    });

    // A credit note of the EU invoice: acme-eu's credit-note series, with its prefix as it is now.
    const note = await p.send<{ createCreditNote: { number: string } }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { number } }`,
      { input: { invoice: euInvoice.id, reason: 'goodwill' } },
    );
    expect(note.data!.createCreditNote.number).toBe('EUC-000001');
    const homeNote = await p.send<{ createCreditNote: { number: string } }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { number } }`,
      { input: { invoice: homeInvoice.id, reason: 'goodwill' } },
    );
    expect(homeNote.data!.createCreditNote.number).toBe('CN-000001');
  });

  it('payment terms: the entity’s own, else the platform’s setting, else the deployment’s', async () => {
    const p = await platform();
    const terms = async () => {
      const c = await p.customer();
      const invoice = await issue(p.send, c.draft);
      return (Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)) / DAY_MS;
    };
    expect(await terms()).toBe(30); // deployment
    await p.send(`mutation { updateInvoicingSettings(input: { paymentTermsDays: 45 }) { id } }`);
    expect(await terms()).toBe(45); // platform
    await update(p.send, 'default', { paymentTermsDays: 7 });
    expect(await terms()).toBe(7); // entity
    await update(p.send, 'default', { paymentTermsDays: 0 });
    expect(await terms()).toBe(0);
    await update(p.send, 'default', { paymentTermsDays: null });
    expect(await terms()).toBe(45);
  });

  it('keeps each entity’s series gapless when both issue at once', async () => {
    const p = await platform();
    await create(p.send, { ...EU, code: 'a', invoiceNumberPrefix: 'A-', creditNoteNumberPrefix: 'ACN-' });
    await create(p.send, { ...EU, code: 'b', invoiceNumberPrefix: 'B-', creditNoteNumberPrefix: 'BCN-' });
    const customers = await Promise.all(Array.from({ length: 8 }, () => p.customer()));
    await Promise.all(customers.map((c, i) => assign(p.send, c.id, i % 2 === 0 ? 'a' : 'b')));
    const issued = await Promise.all(customers.map((c) => issue(p.send, c.draft)));
    const numbers = (prefix: string) =>
      issued
        .map((i) => i.number)
        .filter((n) => n.startsWith(prefix))
        .sort();
    expect(numbers('A-')).toEqual(['A-000001', 'A-000002', 'A-000003', 'A-000004']);
    expect(numbers('B-')).toEqual(['B-000001', 'B-000002', 'B-000003', 'B-000004']);
  });

  it('a platform’s own grace period moves its drafts’ issue instant; the default is the deployment’s', async () => {
    const p = await platform();
    const c = await p.customer();
    const issuesAt = async () =>
      (
        await p.send<{ invoice: { issuesAt: string; dueAt: string | null } }>(`query ($id: ID!) { invoice(id: $id) { issuesAt dueAt } }`, {
          id: c.draft,
        })
      ).data!.invoice;
    expect(await issuesAt()).toEqual({ issuesAt: '2026-04-01T01:00:00.000Z', dueAt: null });
    const set = await p.send<{
      updateInvoicingSettings: { invoiceGracePeriodSeconds: number; invoiceGracePeriodSecondsIsDefault: boolean };
    }>(
      `mutation { updateInvoicingSettings(input: { gracePeriodSeconds: 86400 }) { invoiceGracePeriodSeconds invoiceGracePeriodSecondsIsDefault } }`,
    );
    expect(set.data!.updateInvoicingSettings).toEqual({ invoiceGracePeriodSeconds: 86400, invoiceGracePeriodSecondsIsDefault: false });
    expect((await issuesAt()).issuesAt).toBe('2026-04-02T00:00:00.000Z');
    // A refresh computes the same instant from the setting.
    await p.send(`mutation { updateInvoicingSettings(input: { paymentTermsDays: 10 }) { id } }`);
    expect((await issuesAt()).issuesAt).toBe('2026-04-02T00:00:00.000Z');
    const bad = await p.send(`mutation { updateInvoicingSettings(input: { gracePeriodSeconds: -1 }) { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gracePeriodSeconds' });
    await p.send(`mutation { updateInvoicingSettings(input: { gracePeriodSeconds: null }) { id } }`);
    expect((await issuesAt()).issuesAt).toBe('2026-04-01T01:00:00.000Z');
  });

  it('the seller lookup: an issued invoice’s version, a draft’s current entity, nothing of another platform', async () => {
    const p = await platform();
    await create(p.send, EU);
    const c = await p.customer();
    await assign(p.send, c.id, 'acme-eu');
    const other = await platform();
    const stranger = await other.customer();
    const sellers = await billingEntityVersionsOfInvoices(subgraph.running.db.ds, p.platformId, [c.draft, stranger.draft, 'not-an-id']);
    expect([...sellers.keys()]).toEqual([c.draft]);
    expect(sellers.get(c.draft)).toMatchObject({
      invoiceId: c.draft,
      version: 1,
      code: 'acme-eu',
      legalName: 'Acme Europe B.V.',
      address: { line1: 'Keizersgracht 1', line2: null, city: 'Amsterdam', postalCode: '1015 AA', state: null, country: 'NL' },
      taxId: 'NL123456789B01',
      logo: null,
      locale: 'nl-NL',
      timeZone: 'Europe/Amsterdam',
      currency: 'EUR',
    });
    await update(p.send, 'acme-eu', { invoiceFooter: 'Thank you' });
    expect((await billingEntityVersionsOfInvoices(subgraph.running.db.ds, p.platformId, [c.draft])).get(c.draft)).toMatchObject({
      version: 2,
      invoiceFooter: 'Thank you',
    });
  });
});
