/**
 * The API key lives in sessionStorage only: this tab, until it closes or the user signs out. It is
 * never put in a URL, a log or localStorage.
 */
const KEY = 'zicht.apiKey';

export function storedKey(storage: Pick<Storage, 'getItem'>): string | null {
  const value = storage.getItem(KEY);
  return value && value.trim() ? value : null;
}

export function rememberKey(storage: Pick<Storage, 'setItem'>, key: string): void {
  storage.setItem(KEY, key);
}

export function forgetKey(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
}
