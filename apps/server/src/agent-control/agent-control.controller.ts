import { Body, Controller, Param } from '@nestjs/common';
import {
  AgentIdParamSchema,
  type AgentMessage,
  type AgentSkills,
  type AgentSkillsList,
  apiRoutes,
  type ForceAgentStateRequest,
  ForceAgentStateRequestSchema,
  type ForcedAgentState,
  type SendAgentMessageRequest,
  SendAgentMessageRequestSchema,
  type SessionUser,
  type UpdateAgentSkillsRequest,
  UpdateAgentSkillsRequestSchema,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { AgentControlService } from './agent-control.service.js';

const agentParam = new ZodValidationPipe(AgentIdParamSchema);

@Controller()
export class AgentControlController {
  constructor(private readonly control: AgentControlService) {}

  @Route(apiRoutes.forceAgentState)
  forceState(
    @CurrentUser() actor: SessionUser,
    @Param(agentParam) params: { agentId: string },
    @Body(new ZodValidationPipe(ForceAgentStateRequestSchema)) body: ForceAgentStateRequest,
  ): Promise<ForcedAgentState> {
    return this.control.forceState(actor, params.agentId, body);
  }

  @Route(apiRoutes.listAgentSkills)
  skills(): Promise<AgentSkillsList> {
    return this.control.skills();
  }

  @Route(apiRoutes.updateAgentSkills)
  updateSkills(
    @CurrentUser() actor: SessionUser,
    @Param(agentParam) params: { agentId: string },
    @Body(new ZodValidationPipe(UpdateAgentSkillsRequestSchema)) body: UpdateAgentSkillsRequest,
  ): Promise<AgentSkills> {
    return this.control.updateSkills(actor, params.agentId, body);
  }

  @Route(apiRoutes.sendAgentMessage)
  sendMessage(@CurrentUser() actor: SessionUser, @Body(new ZodValidationPipe(SendAgentMessageRequestSchema)) body: SendAgentMessageRequest): Promise<AgentMessage> {
    return this.control.sendMessage(actor, body);
  }
}
