import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../domain/endpoint';
import { RESPONSE_BODY_LIMIT } from '../domain/delivery-schedule';

export interface PostOutcome {
  statusCode: number | null;
  /** At most RESPONSE_BODY_LIMIT + 1 characters (the caller truncates and marks). */
  body: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * Resolves like dns.lookup but fails when any address is loopback/private/link-local: the check happens on the address
 * actually connected to, so a name that resolves to a private address (or rebinds to one) is refused.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new Error(`refused: ${hostname} resolves to a private address (${refused.address})`), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * POSTs one webhook attempt: no redirects followed, `timeoutMs` for the whole exchange, at most a little of the
 * response body read. Never throws: a refused connection, a timeout or a reset is an outcome with `error`.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; blockPrivateAddresses: boolean },
): Promise<PostOutcome> {
  const target = new URL(url);
  if (options.blockPrivateAddresses && isPrivateAddress(target.hostname.replace(/^\[|\]$/g, '')))
    return Promise.resolve({ statusCode: null, body: null, error: `refused: ${target.hostname} is a private address`, durationMs: 0 });
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    // Only called from the request's events and the timer below, never before `timer` is set.
    const done = (outcome: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: durationMs() });
    };
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Meterline-Webhooks/1',
          ...headers,
          'content-length': Buffer.byteLength(body),
        },
        lookup: options.blockPrivateAddresses ? publicOnlyLookup : undefined,
        agent: false,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length <= RESPONSE_BODY_LIMIT) text += chunk;
          if (text.length > RESPONSE_BODY_LIMIT) response.destroy(); // enough for the log; the status is what counts
        });
        const finish = () => done({ statusCode: response.statusCode ?? null, body: text.slice(0, RESPONSE_BODY_LIMIT + 1), error: null });
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      done({ statusCode: null, body: null, error: `timed out after ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      done({ statusCode: null, body: null, error: error.code ? `${error.code}: ${error.message}` : error.message }),
    );
    request.end(body);
  });
}
