import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';

/** The normalized cache: every entity has an `id`; lists are Relay connections merged page by page. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          meters: relayStylePagination(['includeArchived']),
          invoices: relayStylePagination(['status', 'kind', 'customer', 'subscription']),
          customers: relayStylePagination(['search', 'includeArchived']),
          products: relayStylePagination(['includeArchived']),
          pricingPlans: relayStylePagination(),
          subscriptions: relayStylePagination(['customer', 'status']),
          usageEvents: relayStylePagination(['filter']),
          eventImports: relayStylePagination(['newestFirst']),
          meteringDeadLetters: relayStylePagination(),
          subscriptionsDeadLetters: relayStylePagination(),
          invoicingDeadLetters: relayStylePagination(),
        },
      },
      Customer: { fields: { invoices: relayStylePagination(['status', 'kind']) } },
      EventImport: { fields: { rejectedRows: relayStylePagination() } },
      PricingSimulation: { fields: { periods: relayStylePagination(['customer']) } },
      // Lists a mutation returns whole: the new list replaces the cached one.
      PricingPlan: { fields: { versions: { merge: false } } },
      PricingPlanVersion: { fields: { prices: { merge: false } } },
    },
  });
}

/** True when the gateway refused the API key (401, or a GraphQL error with code UNAUTHENTICATED). */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (ServerError.is(error)) return error.statusCode === 401;
  return false;
}

/** A client of the gateway's one endpoint that sends `Authorization: Bearer <key>`; a refused key calls `onUnauthenticated`. */
export function createClient(apiKey: string, onUnauthenticated: () => void, uri = '/graphql'): ApolloClient {
  const errors = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) onUnauthenticated();
  });
  const http = new HttpLink({ uri, headers: { authorization: `Bearer ${apiKey}` } });
  return new ApolloClient({ link: ApolloLink.from([errors, http]), cache: createCache() });
}
