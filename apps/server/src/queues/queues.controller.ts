import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type CreateQueueRequest,
  CreateQueueRequestSchema,
  IdParamSchema,
  type Queue,
  type QueueList,
  type SessionUser,
  type Skill,
  type SkillCatalog,
  type SkillRequest,
  SkillRequestSchema,
  type UpdateQueueRequest,
  UpdateQueueRequestSchema,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { QueuesService } from './queues.service.js';

const idParam = new ZodValidationPipe(IdParamSchema);

@Controller()
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Route(apiRoutes.listSkills)
  async listSkills(): Promise<SkillCatalog> {
    return { skills: await this.queues.skills() };
  }

  @Route(apiRoutes.createSkill)
  createSkill(@CurrentUser() actor: SessionUser, @Body(new ZodValidationPipe(SkillRequestSchema)) body: SkillRequest): Promise<Skill> {
    return this.queues.createSkill(actor, body.name);
  }

  @Route(apiRoutes.renameSkill)
  renameSkill(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }, @Body(new ZodValidationPipe(SkillRequestSchema)) body: SkillRequest): Promise<Skill> {
    return this.queues.renameSkill(actor, params.id, body.name);
  }

  @Route(apiRoutes.deleteSkill)
  deleteSkill(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    return this.queues.deleteSkill(actor, params.id);
  }

  @Route(apiRoutes.listQueues)
  async listQueues(): Promise<QueueList> {
    return { queues: await this.queues.queues() };
  }

  @Route(apiRoutes.getQueue)
  getQueue(@Param(idParam) params: { id: string }): Promise<Queue> {
    return this.queues.queue(params.id);
  }

  @Route(apiRoutes.createQueue)
  createQueue(@CurrentUser() actor: SessionUser, @Body(new ZodValidationPipe(CreateQueueRequestSchema)) body: CreateQueueRequest): Promise<Queue> {
    return this.queues.createQueue(actor, body);
  }

  @Route(apiRoutes.updateQueue)
  updateQueue(
    @CurrentUser() actor: SessionUser,
    @Param(idParam) params: { id: string },
    @Body(new ZodValidationPipe(UpdateQueueRequestSchema)) body: UpdateQueueRequest,
  ): Promise<Queue> {
    return this.queues.updateQueue(actor, params.id, body);
  }

  @Route(apiRoutes.deleteQueue)
  deleteQueue(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    return this.queues.deleteQueue(actor, params.id);
  }
}
