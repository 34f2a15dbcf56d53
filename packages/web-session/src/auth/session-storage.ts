/**
 * Owns the persisted session: the token pair survives a reload of the tab (sessionStorage is
 * per tab and cleared when the tab closes). What is read back is validated against the
 * contract; anything malformed is dropped rather than trusted.
 */
import { type TokenPair, TokenPairSchema } from '@ccx/contracts';

export interface StoredSession {
  pair: TokenPair;
  /** Epoch ms at which the access token expires (client clock). */
  expiresAt: number;
  /** The access token's full lifetime in ms, for scheduling the next refresh. */
  lifetimeMs: number;
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function toStoredSession(pair: TokenPair, now: number): StoredSession {
  const lifetimeMs = pair.expiresIn * 1000;
  return { pair, expiresAt: now + lifetimeMs, lifetimeMs };
}

export function readSession(storage: KeyValueStorage | null, key: string): StoredSession | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    const pair = TokenPairSchema.safeParse(value.pair);
    if (!pair.success || !Number.isFinite(value.expiresAt) || !Number.isFinite(value.lifetimeMs)) {
      storage.removeItem(key);
      return null;
    }
    return { pair: pair.data, expiresAt: value.expiresAt as number, lifetimeMs: value.lifetimeMs as number };
  } catch {
    storage.removeItem(key);
    return null;
  }
}

export function writeSession(storage: KeyValueStorage | null, key: string, session: StoredSession | null): void {
  if (!storage) return;
  try {
    if (session) storage.setItem(key, JSON.stringify(session));
    else storage.removeItem(key);
  } catch {
    // Storage full or disabled (private mode): the session still works until the tab reloads.
  }
}

/** sessionStorage when the page may use it, otherwise nothing (SSR, sandboxed iframes). */
export function browserSessionStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
