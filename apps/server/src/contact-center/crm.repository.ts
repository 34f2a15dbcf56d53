import { Injectable } from '@nestjs/common';
import { type RecentInteraction, type ScreenPopCustomer } from '@ccx/contracts';
import { decoy, verifySecret } from '../auth/password-hasher.js';
import { readRecentInteractions } from '../calls/recent-interactions.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { type CrmCustomer } from '../ivr/domain/runner-types.js';
import { type DeclaredIdentity } from './domain/declared-identities.js';

/** How many earlier calls the screen pop shows. */
const RECENT_INTERACTIONS = 5;

const asCrmCustomer = (c: { id: string; displayName: string; accountNumber: string | null; phoneNumber: string | null; balanceCents: number; language: string }): CrmCustomer => ({
  id: c.id,
  displayName: c.displayName,
  accountNumber: c.accountNumber,
  phoneNumber: c.phoneNumber,
  balanceCents: c.balanceCents,
  language: c.language,
});

/** What calls read from the CRM tables: caller lists, customers, PIN checks, earlier calls. */
@Injectable()
export class CrmRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The list the number is on; the blacklist wins if it is on both. */
  async callerList(number: string): Promise<'vip' | 'blacklist' | null> {
    if (!number) return null;
    const entries = await this.prisma.callerListEntry.findMany({ where: { number }, select: { kind: true } });
    if (entries.some((e) => e.kind === 'blacklist')) return 'blacklist';
    return entries.some((e) => e.kind === 'vip') ? 'vip' : null;
  }

  async findByCaller(number: string): Promise<CrmCustomer | null> {
    const customer = await this.prisma.customer.findFirst({ where: { phoneNumber: number }, orderBy: { createdAt: 'asc' } });
    return customer ? asCrmCustomer(customer) : null;
  }

  /**
   * The customer a web page declared its visitor to be: by the phone number (exact, like a
   * caller's), else by the e-mail (exact but for case). The oldest record when several match.
   */
  async findByDeclared(identity: DeclaredIdentity): Promise<CrmCustomer | null> {
    const where = [
      ...(identity.phone ? [{ phoneNumber: identity.phone }] : []),
      ...(identity.email ? [{ email: { equals: identity.email, mode: 'insensitive' as const } }] : []),
    ];
    for (const condition of where) {
      const customer = await this.prisma.customer.findFirst({ where: condition, orderBy: { createdAt: 'asc' } });
      if (customer) return asCrmCustomer(customer);
    }
    return null;
  }

  async findByAccount(accountNumber: string): Promise<CrmCustomer | null> {
    const customer = await this.prisma.customer.findUnique({ where: { accountNumber } });
    return customer ? asCrmCustomer(customer) : null;
  }

  /**
   * The customer whose account number and PIN match. An unknown account costs a hash check
   * too, so the time taken does not tell a caller which account numbers exist.
   */
  async verifyPin(accountNumber: string, pin: string): Promise<CrmCustomer | null> {
    const customer = await this.prisma.customer.findUnique({ where: { accountNumber } });
    const ok = await verifySecret(pin, customer?.pinHash ?? (await decoy()));
    return customer?.pinHash && ok ? asCrmCustomer(customer) : null;
  }

  async screenPopCustomer(customerId: string): Promise<ScreenPopCustomer | null> {
    const c = await this.prisma.customer.findUnique({ where: { id: customerId } });
    if (!c) return null;
    return {
      id: c.id,
      displayName: c.displayName,
      phoneNumber: c.phoneNumber,
      email: c.email,
      accountNumber: c.accountNumber,
      balanceCents: c.balanceCents,
      language: c.language,
      notes: c.notes,
    };
  }

  /** The latest earlier calls of the customer, or of the number when no customer is known. */
  async recentInteractions(match: { customerId: string | null; callerNumber: string }, excludeCallId: string): Promise<RecentInteraction[]> {
    const who = match.customerId ? { customerId: match.customerId } : match.callerNumber ? { callerNumber: match.callerNumber } : null;
    return who ? readRecentInteractions(this.prisma, who, { limit: RECENT_INTERACTIONS, excludeCallId }) : [];
  }
}
