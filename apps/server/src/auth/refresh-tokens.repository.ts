import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client.js';

export interface RefreshTokenRow {
  id: string;
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  replacedBy: string | null;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    return (await this.prisma.refreshToken.create({ data: { userId, tokenHash, expiresAt } })).id;
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    return this.prisma.refreshToken.findUnique({ where: { tokenHash } });
  }

  /**
   * Retires a token in favour of its successor. Returns false when another request
   * retired it first, so two parallel refreshes with one token cannot both succeed.
   */
  async rotate(oldId: string, userId: string, newHash: string, expiresAt: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const successor = await tx.refreshToken.create({ data: { userId, tokenHash: newHash, expiresAt } });
      const retired = await tx.refreshToken.updateMany({
        where: { id: oldId, revokedAt: null },
        data: { revokedAt: new Date(), replacedBy: successor.id },
      });
      if (retired.count === 1) return true;
      await tx.refreshToken.delete({ where: { id: successor.id } });
      return false;
    });
  }

  async revoke(id: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
