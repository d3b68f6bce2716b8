/** The API key of the signed-in user: kept for the browser tab only (sessionStorage), never in localStorage. */
const KEY = 'meterline.apiKey';

export function storedApiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeApiKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function clearApiKey(): void {
  sessionStorage.removeItem(KEY);
}
