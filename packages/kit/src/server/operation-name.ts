import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * An `operationName` the document does not hold, or none for a document of several operations, is the client's
 * mistake: 400 BAD_REQUEST before anything runs (Apollo Gateway would otherwise fail inside its executor: a 500).
 */
export function operationNamePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}"`
            : `Must provide operation name if query contains multiple operations (${operations} given)`;
          throw new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', field: 'operationName', http: { status: 400 } } });
        },
      };
    },
  };
}
