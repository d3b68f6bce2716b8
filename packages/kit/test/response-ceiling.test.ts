import { ApolloServer } from '@apollo/server';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { formatPublicError, loadChildren, Loaders, ResponseCeiling } from '../src';

/** A graph without end: every node has 20 children, each with a nullable `next` node. */
const typeDefs = `
  type Query { root: Node }
  type Node { id: ID! children: [Node!]! next: Node }
`;
let resolved = 0;
const node = (id: string) => ({ id });
const resolvers = {
  Node: {
    children: async (parent: { id: string }) => {
      resolved += 20;
      return Array.from({ length: 20 }, (_, i) => node(`${parent.id}.${i}`));
    },
    next: (parent: { id: string }) => node(`${parent.id}>`),
  },
  Query: { root: () => node('r') },
};

function serverWith(maxFields: number) {
  const schema = buildSchema(typeDefs);
  for (const [type, fields] of Object.entries(resolvers)) {
    const object = schema.getType(type) as GraphQLObjectType;
    for (const [name, resolve] of Object.entries(fields)) object.getFields()[name].resolve = resolve as never;
  }
  const ceiling = new ResponseCeiling(maxFields);
  return new ApolloServer({ schema: ceiling.instrument(schema), formatError: formatPublicError, plugins: [ceiling.plugin()] });
}

async function run(server: ApolloServer, query: string) {
  const response = await server.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

describe('ResponseCeiling', () => {
  const server = serverWith(1000);
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => (resolved = 0));

  it('answers a request under the ceiling as usual', async () => {
    const result = await run(server, '{ root { id children { id children { id } } } }'); // 1 + 1 + 1 + 20 × (1 + 1 + 20)
    expect(result.errors).toBeUndefined();
    expect((result.data as { root: { children: unknown[] } }).root.children).toHaveLength(20);
  });

  it('stops a fan-out past the ceiling with one RESPONSE_TOO_LARGE error and no data, before building it', async () => {
    const result = await run(server, '{ root { children { children { children { children { children { children { id } } } } } } } }');
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'RESPONSE_TOO_LARGE', maxFields: 1000 },
        message: expect.stringMatching(/more than 1000 fields/),
      }),
    ]);
    // 20^6 nodes without the ceiling. The `children` calls of one level start together, before their items are counted:
    // fewer than 20 per counted field are made, and only about 1000 of them are completed.
    expect(resolved).toBeLessThan(20_000);
  });

  it('answers one error also when the fields it aborts are nullable (one would be recorded per field)', async () => {
    const result = await run(server, '{ root { children { next { children { next { children { next { id } } } } } } } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0].extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(result.data).toBeNull();
  });

  it('counts per request: the next request starts from zero', async () => {
    await run(server, '{ root { children { children { children { id } } } } }');
    expect((await run(server, '{ root { id } }')).errors).toBeUndefined();
  });
});

describe('loadChildren', () => {
  const rows = [
    { parent: 'a', n: 1 },
    { parent: 'b', n: 2 },
    { parent: 'a', n: 3 },
  ];

  it('loads the children of every parent asked for in one query, grouped by parent', async () => {
    const loaders = new Loaders(10);
    const fetches: Array<{ ids: readonly string[]; take: number }> = [];
    const fetch = async (ids: readonly string[], take: number) => {
      fetches.push({ ids, take });
      return rows.filter((r) => ids.includes(r.parent));
    };
    const load = (id: string) => loadChildren(loaders, 'test', 'rows', fetch, (r) => r.parent, id);
    const [a, b, c] = await Promise.all([load('a'), load('b'), load('c')]);
    expect([a.map((r) => r.n), b.map((r) => r.n), c]).toEqual([[1, 3], [2], []]);
    expect(fetches).toEqual([{ ids: ['a', 'b', 'c'], take: 11 }]);
  });

  it('refuses a load that reads more rows than the request may hold, with RESPONSE_TOO_LARGE', async () => {
    const loaders = new Loaders(2);
    const load = loadChildren(
      loaders,
      'test',
      'rows',
      async (_ids, take) => rows.slice(0, take),
      (r) => r.parent,
      'a',
    );
    await expect(load).rejects.toMatchObject({ extensions: { code: 'RESPONSE_TOO_LARGE', maxRows: 2 } });
  });
});
