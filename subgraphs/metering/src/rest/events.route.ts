import { type SubgraphServices, type Tenant } from '@meterline/kit';
import express, { type Router } from 'express';
import { fromSeedShape, SEED_NAMES, type RawUsageEvent } from '../domain/usage-event';
import { ingestUsageEvents, MAX_EVENTS_PER_CALL, summarize, type EventResult } from '../store/usage-ingestion';

/** Events per request on the bulk door; stored in transactions of MAX_EVENTS_PER_CALL. */
export const MAX_EVENTS_PER_REQUEST = 10_000;

type Parsed = { raw: RawUsageEvent } | { malformed: string };

function badRequest(message: string, field: string) {
  return { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] };
}

/** A JSON array, or NDJSON where each malformed line is rejected alone. */
function parseBody(body: string, contentType: string): Parsed[] | { error: string } {
  const trimmed = body.trimStart();
  if (!contentType.includes('ndjson') && trimmed.startsWith('[')) {
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch (error) {
      return { error: `The body is not valid JSON: ${(error as Error).message}` };
    }
    return (items as unknown[]).map((item) => ({ raw: fromSeedShape(item) }));
  }
  return body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return { raw: fromSeedShape(JSON.parse(line)) };
      } catch {
        return { malformed: 'this line is not valid JSON' };
      }
    });
}

/**
 * POST /v1/events: the high-volume door, the seed's JSON shape verbatim (a JSON array or NDJSON). Results in input
 * order, per event, like GraphQL's ingestUsageEvents; field names in rejections are the seed's.
 */
export function eventsRoute(router: Router, services: SubgraphServices): void {
  router.post('/events', express.text({ type: () => true, limit: '64mb' }), async (req, res, next) => {
    try {
      const tenant = res.locals.tenant as Tenant;
      if (tenant.role !== 'admin' && tenant.role !== 'ingest') {
        res.status(403).json({ errors: [{ message: 'This API key may not ingest events', extensions: { code: 'FORBIDDEN' } }] });
        return;
      }
      const parsed = parseBody(typeof req.body === 'string' ? req.body : '', String(req.headers['content-type'] ?? ''));
      if ('error' in parsed) {
        res.status(400).json(badRequest(parsed.error, 'body'));
        return;
      }
      if (parsed.length === 0) {
        res.status(400).json(badRequest('The body holds no events', 'body'));
        return;
      }
      if (parsed.length > MAX_EVENTS_PER_REQUEST) {
        res.status(413).json(badRequest(`At most ${MAX_EVENTS_PER_REQUEST} events per request; got ${parsed.length}`, 'body'));
        return;
      }
      const results: EventResult[] = new Array(parsed.length);
      const ctx = { platformId: tenant.platformId, db: services.db, clock: services.clock };
      for (let start = 0; start < parsed.length; start += MAX_EVENTS_PER_CALL) {
        const chunk = parsed.slice(start, start + MAX_EVENTS_PER_CALL);
        const wellFormed = chunk.flatMap((p, i) => ('raw' in p ? [{ i, raw: p.raw }] : []));
        const summary = await ingestUsageEvents(
          ctx,
          wellFormed.map((w) => w.raw),
          { names: SEED_NAMES },
        );
        wellFormed.forEach((w, k) => (results[start + w.i] = { ...summary.results[k], index: start + w.i }));
        chunk.forEach((p, i) => {
          if ('malformed' in p)
            results[start + i] = {
              index: start + i,
              reference: null,
              status: 'REJECTED',
              eventId: null,
              reason: p.malformed,
              field: 'line',
            };
        });
      }
      res.json(summarize(results));
    } catch (error) {
      next(error);
    }
  });
}
