import { request } from 'node:http';
import { signTenantHeaders, systemClock, type Logger, type Tenant } from '@meterline/kit';
import type { RequestHandler } from 'express';

/**
 * Forwards a REST request to a subgraph's /v1 route with the signed tenant headers, streaming the body both ways:
 * the gateway never parses a bulk upload.
 */
export function proxyToSubgraph(target: string, secret: string, log: Logger): RequestHandler {
  const base = new URL(target);
  return (req, res) => {
    const tenant = res.locals.tenant as Tenant;
    const upstream = request(
      {
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: req.originalUrl,
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/json',
          ...(req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
          ...(req.headers['x-meterline-mapping'] ? { 'x-meterline-mapping': req.headers['x-meterline-mapping'] } : {}),
          'x-request-id': String(req.headers['x-request-id'] ?? ''),
          ...signTenantHeaders(secret, tenant, systemClock), // transport security: real time, never the test clock
        },
      },
      (answer) => {
        res.status(answer.statusCode ?? 502);
        res.setHeader('content-type', answer.headers['content-type'] ?? 'application/json');
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      log.error({ err: error, path: req.path }, 'REST proxy: subgraph unreachable');
      if (!res.headersSent)
        res
          .status(502)
          .json({ errors: [{ message: 'The service is unavailable, retry later', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    });
    req.pipe(upstream);
  };
}
