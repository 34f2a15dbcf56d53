import { Injectable } from '@nestjs/common';
import { type SkillLevel, type User } from '@ccx/contracts';
import { Prisma, PrismaClient, type Role } from '../generated/prisma/client.js';

const userWithAgent = {
  agent: { include: { skills: { include: { skill: true } } } },
} satisfies Prisma.UserInclude;
type UserRow = Prisma.UserGetPayload<{ include: typeof userWithAgent }>;

export interface StoredUser {
  user: User;
  passwordHash: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  extension?: string;
  skills?: SkillLevel[];
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  extension?: string;
  skills?: SkillLevel[];
}

/** Users and their agent profiles in PostgreSQL; the only place that knows their tables. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<User[]> {
    const rows = await this.prisma.user.findMany({ include: userWithAgent, orderBy: { username: 'asc' } });
    return rows.map(toUser);
  }

  async findById(id: string): Promise<StoredUser | null> {
    const row = await this.prisma.user.findUnique({ where: { id }, include: userWithAgent });
    return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
  }

  async findByUsername(username: string): Promise<StoredUser | null> {
    const row = await this.prisma.user.findFirst({
      where: { username: { equals: username.trim(), mode: 'insensitive' } },
      include: userWithAgent,
    });
    return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
  }

  async countActiveAdmins(): Promise<number> {
    return this.prisma.user.count({ where: { role: 'admin', active: true } });
  }

  async usernameTaken(username: string): Promise<boolean> {
    return (await this.prisma.user.count({ where: { username: { equals: username, mode: 'insensitive' } } })) > 0;
  }

  async extensionTaken(extension: string, exceptAgentId?: string): Promise<boolean> {
    const agent = await this.prisma.agent.findUnique({ where: { extension } });
    return agent !== null && agent.id !== exceptAgentId;
  }

  /**
   * Next free extension from 2001 upward. Takes the transaction it runs in: on the embedded
   * database a query on another connection would wait for the open transaction forever.
   */
  async nextExtension(db: Prisma.TransactionClient = this.prisma): Promise<string> {
    const taken = new Set((await db.agent.findMany({ select: { extension: true } })).map((a) => a.extension));
    let candidate = 2001;
    while (taken.has(String(candidate))) candidate++;
    return String(candidate);
  }

  /** Creates the user and, for agents, the agent profile and skills, in one transaction. */
  async create(input: NewUser): Promise<User> {
    const id = await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          passwordHash: input.passwordHash,
        },
      });
      if (input.role === 'agent') {
        const agent = await tx.agent.create({
          data: { userId: user.id, extension: input.extension ?? (await this.nextExtension(tx)) },
        });
        await replaceSkills(tx, agent.id, input.skills ?? []);
      }
      return user.id;
    });
    return (await this.findById(id))!.user;
  }

  async update(id: string, changes: UserChanges): Promise<User> {
    await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.update({
        where: { id },
        data: { displayName: changes.displayName, role: changes.role, active: changes.active },
        include: { agent: true },
      });
      const isAgent = (changes.role ?? user.role) === 'agent';
      let agentId = user.agent?.id;
      if (isAgent && !agentId) {
        const agent = await tx.agent.create({
          data: { userId: id, extension: changes.extension ?? (await this.nextExtension(tx)) },
        });
        agentId = agent.id;
      } else if (agentId && changes.extension) {
        await tx.agent.update({ where: { id: agentId }, data: { extension: changes.extension } });
      }
      // A user who stops being an agent keeps the profile (their call history points at it).
      if (agentId && changes.skills) await replaceSkills(tx, agentId, changes.skills);
    });
    return (await this.findById(id))!.user;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash } });
  }
}

async function replaceSkills(tx: Prisma.TransactionClient, agentId: string, skills: SkillLevel[]): Promise<void> {
  await tx.agentSkill.deleteMany({ where: { agentId } });
  for (const { skill, level } of skills) {
    const row = await tx.skill.upsert({ where: { name: skill }, create: { name: skill }, update: {} });
    await tx.agentSkill.create({ data: { agentId, skillId: row.id, level } });
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    agentId: row.agent?.id ?? null,
    extension: row.agent?.extension ?? null,
    skills: (row.agent?.skills ?? [])
      .map((s) => ({ skill: s.skill.name, level: s.level }))
      .sort((a, b) => a.skill.localeCompare(b.skill)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
