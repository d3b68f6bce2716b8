const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every API that takes an id also takes the reference (DESIGN §3): a UUID-shaped value is tried as an id first. */
export function looksLikeId(value: string): boolean {
  return UUID.test(value);
}
