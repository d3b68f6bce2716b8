import { eventContracts } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { subscriptionsSubgraph } from '../src';

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id reference name currency createdAt } }`;

describe('customers', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('creates a customer and publishes subscriptions.customer.created through the outbox, keeping its contract', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const created = await send<{ createCustomer: { id: string; currency: string } }>(CREATE, {
      input: { reference: 'acme', name: 'Acme', currency: 'eur' },
    });
    expect(created.data?.createCustomer).toMatchObject({ currency: 'EUR' });

    const [row] = await waitFor(async () => {
      const rows = await subgraph.running.db.query<{ envelope: unknown; sent_at: Date | null }>(
        `SELECT envelope, sent_at FROM outbox WHERE platform_id = $1`,
        [platformId],
      );
      return rows.length === 1 && rows[0].sent_at !== null && rows;
    }, 'the outbox row to be published');
    const event = eventContracts().check(row.envelope);
    expect(event).toMatchObject({
      type: 'subscriptions.customer.created',
      platformId,
      data: { id: created.data?.createCustomer.id, reference: 'acme', name: 'Acme', currency: 'EUR' },
    });
  });

  it('finds a customer by id or by reference, only within its platform', async () => {
    const owner = subgraph.clientForNewPlatform();
    const stranger = subgraph.clientForNewPlatform();
    const created = await owner.send<{ createCustomer: { id: string } }>(CREATE, {
      input: { reference: 'c-1', name: 'One', currency: 'JPY' },
    });
    const id = created.data!.createCustomer.id;
    const byId = `query ($id: ID) { customer(id: $id) { reference } }`;
    expect((await owner.send(byId, { id })).data).toEqual({ customer: { reference: 'c-1' } });
    expect((await owner.send(`{ customer(reference: "c-1") { id } }`)).data).toEqual({ customer: { id } });
    expect((await stranger.send(byId, { id })).data).toEqual({ customer: null });
    const entity = await stranger.send(
      `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { name } } }`,
      { id },
    );
    expect(entity.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a second customer with the same reference (CONFLICT) and bad input naming the field', async () => {
    const { send } = subgraph.clientForNewPlatform();
    await send(CREATE, { input: { reference: 'dup', name: 'First', currency: 'EUR' } });
    const again = await send(CREATE, { input: { reference: 'dup', name: 'Second', currency: 'EUR' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'reference' });
    const badCurrency = await send(CREATE, { input: { reference: 'x', name: 'X', currency: 'EURO' } });
    expect(badCurrency.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
    const badReference = await send(CREATE, { input: { reference: ' ', name: 'X', currency: 'EUR' } });
    expect(badReference.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reference' });
  });

  it('lists customers as a Relay connection, page by page', async () => {
    const { send } = subgraph.clientForNewPlatform();
    for (const reference of ['a', 'b', 'c']) await send(CREATE, { input: { reference, name: reference, currency: 'EUR' } });
    const page = `query ($after: String) { customers(first: 2, after: $after) { totalCount edges { node { reference } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      customers: {
        totalCount: number;
        edges: Array<{ node: { reference: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = (await send<Page>(page)).data!.customers;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.reference)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await send<Page>(page, { after: first.pageInfo.endCursor })).data!.customers;
    expect(second.edges.map((e) => e.node.reference)).toEqual(['c']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const bad = await send(page, { after: 'garbage' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('customer details, updates, archiving and search', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const FULL = `id reference name email country billingAddress { line1 city postalCode country } taxId taxRate metadata archivedAt`;

  it('keeps billing details, updates them (not the reference or currency) and announces subscriptions.customer.updated', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const created = await send<{ createCustomer: Record<string, unknown> }>(
      `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { ${FULL} } }`,
      {
        input: {
          reference: 'acme',
          name: 'Acme',
          currency: 'EUR',
          email: 'billing@acme.test',
          country: 'nl',
          billingAddress: { line1: 'Dam 1', city: 'Amsterdam', postalCode: '1012 JS', country: 'NL' },
          taxId: 'NL001',
          taxRate: '21',
          metadata: { crm: 'hs-42' },
        },
      },
    );
    expect(created.data?.createCustomer).toMatchObject({
      country: 'NL',
      taxRate: '21',
      metadata: { crm: 'hs-42' },
      billingAddress: { city: 'Amsterdam' },
    });

    const updated = await send<{ updateCustomer: Record<string, unknown> }>(
      `mutation { updateCustomer(customer: "acme", input: { name: "Acme B.V.", taxRate: "9", email: null }) { ${FULL} } }`,
    );
    expect(updated.data?.updateCustomer).toMatchObject({ name: 'Acme B.V.', taxRate: '9', email: null, country: 'NL', taxId: 'NL001' });
    const bad = await send(`mutation { updateCustomer(customer: "acme", input: { taxRate: "120" }) { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taxRate' });
    const badMeta = await send(`mutation { updateCustomer(customer: "acme", input: { metadata: { n: 1 } }) { id } }`);
    expect(badMeta.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metadata.n' });

    const rows = await subgraph.running.db.query<{ envelope: unknown }>(`SELECT envelope FROM outbox WHERE platform_id = $1 ORDER BY seq`, [
      platformId,
    ]);
    const events = rows.map((r) => eventContracts().check(r.envelope));
    expect(events.map((e) => e.type)).toEqual(['subscriptions.customer.created', 'subscriptions.customer.updated']);
    expect(events[1].data).toMatchObject({ reference: 'acme', name: 'Acme B.V.', taxRate: '9', archived: false });
    // What invoice documents address: the billing address and tax id travel with the customer.
    for (const event of events) {
      expect(event.data).toMatchObject({
        taxId: 'NL001',
        billingAddress: { line1: 'Dam 1', line2: null, city: 'Amsterdam', postalCode: '1012 JS', state: null, country: 'NL' },
      });
    }
  });

  it('searches by name, reference or e-mail and hides archived customers unless asked', async () => {
    const { send } = subgraph.clientForNewPlatform();
    for (const [reference, name, email] of [
      ['c-1', 'Globex Corporation', 'ap@globex.test'],
      ['c-2', 'Initech', 'finance@initech.test'],
      ['globex-eu', 'Umbrella', null],
    ]) {
      await send(`mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
        input: { reference, name, currency: 'USD', email },
      });
    }
    const search = async (text: string, includeArchived = false) =>
      (
        await send<{ customers: { edges: Array<{ node: { reference: string } }> } }>(
          `query ($s: String, $a: Boolean!) { customers(search: $s, includeArchived: $a) { edges { node { reference } } } }`,
          { s: text, a: includeArchived },
        )
      )
        .data!.customers.edges.map((e) => e.node.reference)
        .sort();
    expect(await search('GLOBEX')).toEqual(['c-1', 'globex-eu']);
    expect(await search('finance@')).toEqual(['c-2']);
    expect(await search('100%_')).toEqual([]);
    await send(`mutation { archiveCustomer(customer: "c-1") { archivedAt } }`);
    expect(await search('globex')).toEqual(['globex-eu']);
    expect(await search('globex', true)).toEqual(['c-1', 'globex-eu']);
  });
});
