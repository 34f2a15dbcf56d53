import { Injectable } from '@nestjs/common';
import { type AgentSkills, type SkillLevel } from '@ccx/contracts';
import { PrismaClient } from '../generated/prisma/client.js';

/** Agents' skills and names as the supervisor's controls read and write them. */
@Injectable()
export class AgentControlRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async allSkills(): Promise<AgentSkills[]> {
    const rows = await this.prisma.agent.findMany({ include: { skills: { include: { skill: true } } } });
    return rows.map((a) => ({ agentId: a.id, skills: a.skills.map((s) => ({ skill: s.skill.name, level: s.level })).sort((x, y) => x.skill.localeCompare(y.skill)) }));
  }

  async exists(agentId: string): Promise<boolean> {
    return (await this.prisma.agent.count({ where: { id: agentId } })) > 0;
  }

  /** Skills that do not exist (by name), of those given. */
  async unknownSkills(names: readonly string[]): Promise<string[]> {
    const known = await this.prisma.skill.findMany({ where: { name: { in: [...names] } }, select: { name: true } });
    const found = new Set(known.map((s) => s.name));
    return names.filter((n) => !found.has(n));
  }

  /** Replaces the agent's skills in one transaction; the skills must exist. */
  async replaceSkills(agentId: string, skills: readonly SkillLevel[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const rows = await tx.skill.findMany({ where: { name: { in: skills.map((s) => s.skill) } } });
      const idOf = new Map(rows.map((r) => [r.name, r.id]));
      await tx.agentSkill.deleteMany({ where: { agentId } });
      await tx.agentSkill.createMany({ data: skills.map((s) => ({ agentId, skillId: idOf.get(s.skill)!, level: s.level })) });
    });
  }
}
