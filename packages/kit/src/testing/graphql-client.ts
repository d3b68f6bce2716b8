import { systemClock, type Clock } from '../clock';
import { signTenantHeaders, type Role } from '../server/tenant';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs one GraphQL operation; returns status, data and errors without throwing on GraphQL errors. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Omit<GraphQLResponse<T>, 'status'>;
  try {
    body = JSON.parse(text) as Omit<GraphQLResponse<T>, 'status'>;
  } catch {
    throw new Error(`${url} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, ...body };
}

/** A client that talks to one subgraph directly, as the gateway would: with signed tenant headers (`sandbox`: a sandbox platform's). */
export function subgraphClient(
  url: string,
  platformId: string,
  secret: string,
  role: Role = 'admin',
  clock: Clock = systemClock,
  sandbox = false,
) {
  return <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL<T>(url, query, variables, signTenantHeaders(secret, sandbox ? { platformId, role, sandbox } : { platformId, role }, clock));
}
