import { ErrorCode, type Tenant } from '@meterline/kit';
import type { PersistedOperation } from '@meterline/contracts';
import type { RequestHandler } from 'express';

interface GraphQLRequestBody {
  query?: unknown;
  operationName?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function refuse(res: Parameters<RequestHandler>[1], status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Persisted operations (contracts/operations/<app>.json): a request naming one by `documentId` (optionally
 * `sha256:`-prefixed) or by its APQ hash runs the manifest's text. A `partner` key runs only those: free text and APQ
 * registration are refused (PERSISTED_OPERATION_REQUIRED). Other keys may also send free text and use APQ.
 */
export function persistedOperations(operations: ReadonlyMap<string, PersistedOperation>): RequestHandler {
  return (req, res, next) => {
    const body = req.body as GraphQLRequestBody | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
    const tenant = res.locals.tenant as Tenant;
    const documentId = typeof body.documentId === 'string' ? body.documentId.replace(/^sha256:/, '') : undefined;
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    const id = documentId ?? (typeof hash === 'string' ? hash : undefined);
    const known = id === undefined ? undefined : operations.get(id);
    if (known) {
      if (typeof body.query === 'string' && body.query !== known.body)
        return refuse(res, 400, 'BAD_REQUEST', 'The query does not match the persisted operation it names');
      body.query = known.body;
      body.operationName ??= known.name;
      delete body.documentId;
      return next();
    }
    if (documentId !== undefined) return refuse(res, 400, 'PERSISTED_QUERY_NOT_FOUND', `No persisted operation ${documentId}`);
    if (tenant.role === 'partner')
      return refuse(
        res,
        403,
        ErrorCode.PERSISTED_OPERATION_REQUIRED,
        'Partner keys run persisted operations only: send the documentId of an operation from the manifest',
      );
    next();
  };
}
