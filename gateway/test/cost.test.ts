import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPersistedOperations, supergraphSchema } from '@meterline/contracts';
import { Kind, parse, type DocumentNode } from 'graphql';
import { defaultCostOptions, gatewayLimitsFrom, operationCost } from '../src';

const schema = supergraphSchema();
const cost = (query: string, variables: Record<string, unknown> = {}, options = defaultCostOptions) =>
  operationCost(schema, parse(query), variables, undefined, options);

/** `customer { subscriptions { customer { subscriptions { … { id } } } } }`, `levels` subscriptions lists deep. */
function fanOut(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `subscriptions { customer { ${selection} } }`;
  return `{ customer(reference: "c") { ${selection} } }`;
}

describe('operationCost', () => {
  it('counts every field once, and __typename not at all', () => {
    expect(cost('{ customer(reference: "c") { id name __typename } }')).toBe(3);
  });

  it('multiplies what is below an unpaginated list by the list size, nested lists multiplicatively', () => {
    // customer 1 + subscriptions 1 + 20 × (id 1 + phases 1 + 20 × seats 1)
    expect(cost('{ customer(reference: "c") { subscriptions { id phases { seats } } } }')).toBe(2 + 20 * (2 + 20));
    expect(cost('{ customer(reference: "c") { subscriptions { id } } }', {}, { ...defaultCostOptions, listSize: 50 })).toBe(2 + 50);
    expect(cost(fanOut(3))).toBeGreaterThan(20 ** 3);
    expect(cost(fanOut(6))).toBeGreaterThan(20 ** 6);
  });

  it('counts a connection’s edges by its page size: first (literal, variable, variable default), else the default page', () => {
    const meters = (first: string) => `query ($n: Int = 7) { meters(${first}includeArchived: false) { totalCount edges { node { id } } } }`;
    // meters 1 + totalCount 1 + edges (1 + n × (node 1 + id 1))
    expect(cost(meters('first: 5, '))).toBe(3 + 5 * 2);
    expect(cost(meters('first: $n, '), { n: 50 })).toBe(3 + 50 * 2);
    expect(cost(meters('first: $n, '))).toBe(3 + 7 * 2);
    expect(cost(meters(''))).toBe(3 + 20 * 2);
    // A page the subgraph refuses (BAD_USER_INPUT there) counts as the largest page, not as a huge cost.
    expect(cost(meters('first: 2147483647, '))).toBe(3 + 100 * 2);
    expect(cost(meters('first: $n, '), { n: -1 })).toBe(3 + 100 * 2);
  });

  it('applies a connection’s page to its own lists only, and lists below a node count the list size', () => {
    // invoices 1 + edges (1 + 10 × (node 1 + lines (1 + 20 × id 1)))
    expect(cost('{ invoices(first: 10) { edges { node { lines { id } } } } }')).toBe(2 + 10 * (2 + 20));
  });

  it('counts the parts of a price as small lists', () => {
    // previewPrice 1 + breakdown (1 + 5 × label 1)
    expect(cost('{ previewPrice(usage: {}, currency: "EUR", price: {}) { breakdown { label } } }')).toBe(2 + 5);
  });

  it('follows fragments and inline fragments, and picks the named operation', () => {
    const document = parse(`
      fragment S on CustomerSubscription { id phases { seats } }
      query A { customer(reference: "c") { subscriptions { ...S } } }
      query B { customer(reference: "c") { ... on Customer { subscriptions { id } } } }`);
    expect(operationCost(schema, document, {}, 'A')).toBe(2 + 20 * (2 + 20));
    expect(operationCost(schema, document, {}, 'B')).toBe(2 + 20);
    expect(operationCost(schema, document, {}, 'C')).toBe(0);
  });
});

/** Every operation of a document set, with every page as large as a subgraph serves (first: 100): the worst Desk can send. */
function operationsOf(documents: Array<[string, DocumentNode]>) {
  return documents.flatMap(([file, document]) =>
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? [{ name: `${file} ${definition.name?.value}`, document, operationName: definition.name?.value, variables: { first: 100 } }]
        : [],
    ),
  );
}

describe('the default limits', () => {
  const limits = gatewayLimitsFrom({});
  const options = { ...defaultCostOptions, listSize: limits.GRAPHQL_LIST_SIZE };
  const screens = join(__dirname, '../../web/src/screens');
  // One document of every screen's file, as codegen sees them: a fragment of one file may spread one of another.
  const deskDocument = parse(
    readdirSync(screens)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => readFileSync(join(screens, file), 'utf8'))
      .join('\n'),
  );
  const desk = operationsOf([['desk', deskDocument]]);
  const partners = operationsOf([...readPersistedOperations().values()].map((op) => [`${op.app}/${op.name}`, parse(op.body)]));

  it('leave every Desk and persisted operation, with its largest pages, at most half the limit', () => {
    expect(desk.length).toBeGreaterThan(30);
    const costs = [...desk, ...partners].map((op) => ({
      name: op.name,
      cost: operationCost(schema, op.document, op.variables, op.operationName, options),
    }));
    if (process.env.PRINT_COSTS) console.log(costs.map((c) => `${c.name} ${c.cost}`).join('\n'));
    const over = costs.filter((op) => op.cost > limits.GRAPHQL_MAX_COST / 2);
    expect(over).toEqual([]);
  });

  it('refuse the fan-out that ran a subgraph out of heap, at depth 12–15 (5 lists deep and more)', () => {
    expect(limits).toMatchObject({ GRAPHQL_MAX_COST: 500000, GRAPHQL_LIST_SIZE: 20, GRAPHQL_MAX_DEPTH: 15 });
    for (const levels of [5, 6, 7]) expect(cost(fanOut(levels), {}, options)).toBeGreaterThan(limits.GRAPHQL_MAX_COST);
    expect(cost(fanOut(4), {}, options)).toBeLessThan(limits.GRAPHQL_MAX_COST);
  });
});
