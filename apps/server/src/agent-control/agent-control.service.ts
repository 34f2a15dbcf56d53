import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AgentMessage,
  type AgentSkills,
  type AgentSkillsList,
  ErrorCode,
  type ForceAgentStateRequest,
  type ForcedAgentState,
  type SendAgentMessageRequest,
  type SessionUser,
  type UpdateAgentSkillsRequest,
} from '@ccx/contracts';
import { AcdService } from '../acd/acd.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { LiveEvents } from '../realtime/live-events.js';
import { AgentControlRepository } from './agent-control.repository.js';

/**
 * A supervisor's control of agents: force a state (the ACD decides whether its diagram
 * allows it), change an agent's skills (stored, then reloaded into the ACD so the next
 * routing decision uses them), send a message to one agent's tabs or to every agent.
 * Each action is an `audit_entries` row: `agents/force-state`, `agents/skills`, `agents/message`.
 */
@Injectable()
export class AgentControlService {
  constructor(
    private readonly acd: AcdService,
    private readonly repository: AgentControlRepository,
    private readonly audit: AuditService,
    private readonly live: LiveEvents,
  ) {}

  async forceState(actor: SessionUser, agentId: string, request: ForceAgentStateRequest): Promise<ForcedAgentState> {
    const before = this.acd.agentInfo(agentId) ? this.acd.view(agentId).state : null;
    const view = this.acd.forceState(agentId, request);
    await this.audit.record({
      actorId: actor.id,
      action: 'agents/force-state',
      targetType: 'agent',
      targetId: agentId,
      data: { from: before, to: view.state, reasonId: view.reasonId },
    });
    return { agentId, state: view.state, reasonId: view.reasonId, since: view.since };
  }

  async skills(): Promise<AgentSkillsList> {
    return { agents: await this.repository.allSkills() };
  }

  async updateSkills(actor: SessionUser, agentId: string, request: UpdateAgentSkillsRequest): Promise<AgentSkills> {
    if (!(await this.repository.exists(agentId))) throw new AppError(ErrorCode.NotFound, `no agent ${agentId}`);
    const unknown = await this.repository.unknownSkills(request.skills.map((s) => s.skill));
    if (unknown.length > 0) {
      const issues = request.skills.flatMap((s, i) => (unknown.includes(s.skill) ? [{ path: `skills.${i}.skill`, message: `no skill "${s.skill}"` }] : []));
      throw new AppError(ErrorCode.Validation, `unknown skills: ${unknown.join(', ')}`, { issues });
    }
    const before = (await this.repository.allSkills()).find((a) => a.agentId === agentId)?.skills ?? [];
    await this.repository.replaceSkills(agentId, request.skills);
    await this.acd.reloadAgent(agentId);
    await this.audit.record({ actorId: actor.id, action: 'agents/skills', targetType: 'agent', targetId: agentId, data: { before, after: request.skills } });
    return { agentId, skills: [...request.skills].sort((a, b) => a.skill.localeCompare(b.skill)) };
  }

  async sendMessage(actor: SessionUser, request: SendAgentMessageRequest): Promise<AgentMessage> {
    if (request.agentId !== null && !(await this.repository.exists(request.agentId))) {
      throw new AppError(ErrorCode.NotFound, `no agent ${request.agentId}`, { issues: [{ path: 'agentId', message: 'no such agent' }] });
    }
    const message: AgentMessage = {
      messageId: randomUUID(),
      text: request.text,
      from: actor.displayName,
      sentAt: new Date().toISOString(),
      broadcast: request.agentId === null,
    };
    await this.audit.record({
      actorId: actor.id,
      action: 'agents/message',
      targetType: request.agentId === null ? 'agents' : 'agent',
      targetId: request.agentId ?? undefined,
      data: { messageId: message.messageId, text: message.text },
    });
    if (request.agentId === null) this.live.toRoles(['agent'], 'agent:message', message);
    else this.live.toAgent(request.agentId, 'agent:message', message);
    return message;
  }
}
