import { randomUUID } from 'node:crypto';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import type { SubgraphUnderTest } from './subgraph-harness';

export interface EntityProbe {
  type: string;
  ok: boolean;
  /** What came back, when it was not what a subgraph must answer. */
  problem?: string;
}

const keyOf = (directives: readonly ConstDirectiveNode[] | undefined) => directives?.find((d) => d.name.value === 'key');

/** The entity types this subgraph resolves (`@key(fields: "id")` without `resolvable: false`), from its served SDL. */
export function resolvableEntityTypes(sdl: string): string[] {
  return parse(sdl).definitions.flatMap((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) return [];
    const key = keyOf(definition.directives);
    if (!key) return [];
    const resolvable = key.arguments?.find((a) => a.name.value === 'resolvable');
    if (resolvable?.value.kind === Kind.BOOLEAN && !resolvable.value.value) return [];
    return [definition.name.value];
  });
}

/**
 * Apollo's subgraph compatibility checks, for every resolvable `@key` of a running subgraph: `_entities` with an id
 * that does not exist answers for the type it was asked about — null, a NOT_FOUND error, or (for an entity owned
 * elsewhere that this subgraph only extends) the reference itself — and never an internal error.
 */
export async function probeEntityReferences(subgraph: SubgraphUnderTest): Promise<EntityProbe[]> {
  const { sdl } = await subgraph.selfReport();
  const { send } = subgraph.clientForNewPlatform('admin');
  const probes: EntityProbe[] = [];
  for (const type of resolvableEntityTypes(sdl)) {
    const id = randomUUID();
    const response = await send<{ _entities: Array<{ __typename: string; id: string } | null> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${type} { id } } }`,
      { r: [{ __typename: type, id }] },
    );
    const error = response.errors?.[0];
    const entity = response.data?._entities?.[0] ?? null;
    const ok = error ? error.extensions?.code === 'NOT_FOUND' : entity === null || (entity.__typename === type && entity.id === id);
    probes.push(ok ? { type, ok } : { type, ok, problem: JSON.stringify(response.errors ?? response.data) });
  }
  return probes;
}
