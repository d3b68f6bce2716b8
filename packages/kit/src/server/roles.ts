import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, OperationTypeNode, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { AppError, ErrorCode } from '../errors';
import type { RequestHandler } from 'express';
import type { Role, Tenant } from './tenant';

/** The GraphQL root fields an `ingest` key may call: event ingestion only (DESIGN §3). */
export const INGESTION_FIELDS: ReadonlySet<string> = new Set(['ingestUsageEvents']);

/** REST routes (`/v1/...`) take usage data in: `admin` and `ingest` keys; `read` keys may only read (GET). */
export const REST_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'ingest']);
const REST_READ_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'ingest', 'read']);

/**
 * Why a role may not run an operation, or null when it may (DESIGN §3): `admin` everything; `read` queries only;
 * `ingest` event ingestion only; `partner` any operation — the gateway admits only its persisted operations.
 */
export function roleRefusal(role: Role, operation: OperationTypeNode, rootFields: readonly string[]): string | null {
  switch (role) {
    case 'admin':
    case 'partner':
      return null;
    case 'read':
      return operation === OperationTypeNode.QUERY ? null : `A read key runs queries only; this is a ${operation}`;
    case 'ingest': {
      const other = rootFields.filter((field) => !INGESTION_FIELDS.has(field) && field !== '__typename');
      if (operation === OperationTypeNode.MUTATION && other.length === 0) return null;
      return `An ingest key only ingests usage events (${[...INGESTION_FIELDS].join(', ')}); refused: ${other.join(', ') || operation}`;
    }
  }
}

/** The names of an operation's root fields, through fragments. */
export function rootFieldsOf(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );
  const names: string[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment);
      }
    }
  };
  visit(operation.selectionSet);
  return names;
}

/**
 * Refuses, before anything runs, an operation the caller's role may not run (FORBIDDEN). Used by the gateway and by
 * every subgraph: roles are enforced where the data is, not only at the door.
 */
export function rolePlugin<Context extends BaseContext>(roleOf: (context: Context) => Role | undefined): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          const role = roleOf(contextValue);
          if (!role || !operation) return;
          const refusal = roleRefusal(role, operation.operation, rootFieldsOf(operation, document));
          if (refusal) throw new AppError(ErrorCode.FORBIDDEN, refusal);
        },
      };
    },
  };
}

/** Express guard of the REST routes, after the tenant is known (`res.locals.tenant`): FORBIDDEN for roles that may not. */
export const requireRestRole: RequestHandler = (req, res, next) => {
  const reading = req.method === 'GET' || req.method === 'HEAD';
  if ((reading ? REST_READ_ROLES : REST_ROLES).has((res.locals.tenant as Tenant).role)) return next();
  const message = reading ? 'Partner keys run persisted GraphQL operations only' : 'Only admin and ingest keys send usage data';
  res.status(403).json({ errors: [{ message, extensions: { code: ErrorCode.FORBIDDEN } }] });
};

/** Who may download documents (invoice and credit-note PDFs, CSV reports): the roles that may read invoices in GraphQL. */
export const DOCUMENT_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'read']);

/** An Express guard, after the tenant is known, letting DOCUMENT_ROLES through and telling the others what they may not download. */
const documentRoleGuard =
  (what: string): RequestHandler =>
  (_req, res, next) => {
    if (DOCUMENT_ROLES.has((res.locals.tenant as Tenant).role)) return next();
    res.status(403).json({ errors: [{ message: `Only admin and read keys download ${what}`, extensions: { code: ErrorCode.FORBIDDEN } }] });
  };

/**
 * Express guard of the document routes (`/v1/invoices/:id/pdf`, `/v1/credit-notes/:id/pdf`): admin and read keys; an
 * ingest key only sends usage and a partner key runs persisted operations only (403).
 */
export const requireDocumentRole: RequestHandler = documentRoleGuard('invoice documents');

/** Express guard of the report downloads (`/v1/reports/:name`, `/v1/reports/jobs/:id/csv`): the same roles as documents. */
export const requireReportRole: RequestHandler = documentRoleGuard('reports');
