/**
 * Who callers said they are before they called, by the caller's SIP user: the web page that
 * embeds the widget may declare its visitor's phone number or e-mail with the call token
 * (unverified). Kept in memory until the credential it came with expires; the adapter holds
 * a call's own copy for the rest of that call.
 *
 * Bounded: anyone may ask for call tokens, so a flood must not grow this without limit.
 * Expired entries go first; past `maxEntries` the oldest go, whatever their expiry (its
 * visitor's call then just finds no customer, as an anonymous one does).
 */
export interface DeclaredIdentity {
  phone: string | null;
  email: string | null;
}

interface Entry {
  identity: DeclaredIdentity;
  expiresAt: number;
}

export class DeclaredIdentities {
  /** In the order declared: the oldest first. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { maxEntries: number }) {}

  /** Remembers `caller`'s identity until `expiresAt` (ms since the epoch). An identity without phone or e-mail is nothing to remember. */
  declare(caller: string, identity: DeclaredIdentity, expiresAt: number, now: number): void {
    this.entries.delete(caller);
    if ((identity.phone === null && identity.email === null) || expiresAt <= now) return;
    this.entries.set(caller, { identity, expiresAt });
    this.sweep(now);
  }

  identityOf(caller: string, now: number): DeclaredIdentity | null {
    const entry = this.entries.get(caller);
    if (!entry) return null;
    if (entry.expiresAt > now) return entry.identity;
    this.entries.delete(caller);
    return null;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    // Oldest first, while the oldest has expired or there are too many. An expired entry
    // behind a live one waits for its turn (or for `identityOf`); the bound holds either way.
    for (const [caller, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && entry.expiresAt > now) break;
      this.entries.delete(caller);
    }
  }
}
