import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode } from 'graphql';
import { ErrorCode } from '../errors';

/**
 * Where a document writes a number no JavaScript number can hold (`1e400`, `-1e999`), as a dotted path from its
 * argument (`price.tiers.0.upTo`), or undefined. Apollo Gateway would turn such a literal into Infinity, which JSON
 * cannot carry to a subgraph: it failed there as an internal error.
 */
export function nonFiniteNumberLiteral(document: ASTNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    enter(node, _key, parent, path, ancestors) {
      if (found !== undefined) return false;
      if ((node.kind !== Kind.FLOAT && node.kind !== Kind.INT) || Number.isFinite(Number(node.value))) return undefined;
      const names: string[] = [];
      // `ancestors` leaves out the parent; `path[i]` is the key of the next node within `ancestors[i]`.
      [...ancestors, parent as ASTNode | readonly ASTNode[]].forEach((ancestor, i, all) => {
        if (Array.isArray(ancestor)) {
          const container = all[i - 1] as ASTNode | undefined;
          if (container?.kind === Kind.LIST) names.push(String(path[i]));
        } else {
          const a = ancestor as ASTNode;
          if (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD) names.push(a.name.value);
        }
      });
      found = names.join('.') || 'query';
      return false;
    },
  });
  return found;
}

/** Refuses a document with a number literal out of every numeric range: 400 BAD_USER_INPUT naming the field. */
export function numberLiteralsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          const field = nonFiniteNumberLiteral(document);
          if (field === undefined) return;
          throw new GraphQLError(`${field}: a number too large to hold; write decimals as strings, e.g. "12.5"`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } },
          });
        },
      };
    },
  };
}
