import { isIP } from 'node:net';
import type { Checked } from '@meterline/kit/domain';
import { webhookEventTypes, TEST_WEBHOOK_TYPE } from './event-types';

export const MAX_URL_LENGTH = 2048;
export const MAX_EVENT_TYPES = 50;
/** Subscribes to every event type, present and future. */
export const ALL_EVENT_TYPES = '*';

/**
 * An endpoint URL: http or https, a host, no user name or password, no fragment, at most MAX_URL_LENGTH characters.
 * With `refusePrivate`, a host that is a literal loopback/private/link-local address (or `localhost`) is refused too;
 * names are checked again, resolved, when sending (see isPrivateAddress).
 */
export function checkEndpointUrl(value: string, refusePrivate: boolean): Checked<string> {
  if (value.length > MAX_URL_LENGTH) return { reason: `must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { reason: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { reason: 'must be an http or https URL' };
  if (!url.hostname) return { reason: 'must name a host' };
  if (url.username || url.password) return { reason: 'must not carry a user name or password' };
  if (url.hash) return { reason: 'must not have a fragment (#…)' };
  if (refusePrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host)))
      return { reason: 'must not point at a loopback, private or link-local address' };
  }
  return { value: url.toString() };
}

/**
 * Event types an endpoint subscribes to: each a known webhook type, or `*` alone (also what an empty list means);
 * duplicates removed, order kept. The test type is not subscribable (sendTestWebhook sends it regardless).
 */
export function checkEventTypes(values: readonly string[]): Checked<string[]> {
  if (values.length > MAX_EVENT_TYPES) return { reason: `at most ${MAX_EVENT_TYPES} event types` };
  const known = new Set(webhookEventTypes().map((t) => t.type));
  known.delete(TEST_WEBHOOK_TYPE);
  const unique = [...new Set(values)];
  if (unique.length === 0 || (unique.length === 1 && unique[0] === ALL_EVENT_TYPES)) return { value: [ALL_EVENT_TYPES] };
  if (unique.includes(ALL_EVENT_TYPES)) return { reason: `"${ALL_EVENT_TYPES}" stands alone: it already means every event type` };
  const unknown = unique.filter((t) => !known.has(t));
  if (unknown.length > 0) return { reason: `unknown event type ${unknown.map((t) => `"${t}"`).join(', ')} (see webhookEventTypes)` };
  return { value: unique };
}

/** Does an endpoint with these event types receive `type`? */
export function endpointReceives(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.includes(ALL_EVENT_TYPES) || eventTypes.includes(type);
}

function ipv4Private(a: number, b: number): boolean {
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/**
 * Loopback, private, link-local, CGNAT, multicast, unspecified or reserved: where a webhook must not go when private
 * addresses are refused (IPv4, IPv6, and IPv4 mapped into IPv6). A string that is not an IP address is not private.
 */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) {
    const [a, b] = address.split('.').map(Number);
    return ipv4Private(a, b);
  }
  if (kind !== 6) return false;
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateAddress(mapped[1]);
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hexMapped) {
    const high = parseInt(hexMapped[1], 16);
    return ipv4Private(high >> 8, high & 0xff);
  }
  if (lower === '::' || lower === '::1') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    lower.startsWith('64:ff9b:') || // NAT64 may reach IPv4 private space
    first === 0 // other ::/16 forms (IPv4-compatible, unspecified variants)
  );
}
