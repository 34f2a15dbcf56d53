import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type CodedEntry,
  type CreateCodedEntryRequest,
  CreateCodedEntryRequestSchema,
  type DispositionList,
  IdParamSchema,
  type NotReadyReasonList,
  type SessionUser,
  type UpdateCodedEntryRequest,
  UpdateCodedEntryRequestSchema,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CodesService } from './codes.service.js';

const idParam = new ZodValidationPipe(IdParamSchema);
const createBody = new ZodValidationPipe(CreateCodedEntryRequestSchema);
const updateBody = new ZodValidationPipe(UpdateCodedEntryRequestSchema);

@Controller()
export class CodesController {
  constructor(private readonly codes: CodesService) {}

  @Route(apiRoutes.listNotReadyReasons)
  async listReasons(@CurrentUser() actor: SessionUser): Promise<NotReadyReasonList> {
    return { reasons: await this.codes.list(actor, 'not-ready-reasons') };
  }

  @Route(apiRoutes.createNotReadyReason)
  createReason(@CurrentUser() actor: SessionUser, @Body(createBody) body: CreateCodedEntryRequest): Promise<CodedEntry> {
    return this.codes.create(actor, 'not-ready-reasons', body);
  }

  @Route(apiRoutes.updateNotReadyReason)
  updateReason(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }, @Body(updateBody) body: UpdateCodedEntryRequest): Promise<CodedEntry> {
    return this.codes.update(actor, 'not-ready-reasons', params.id, body);
  }

  @Route(apiRoutes.deleteNotReadyReason)
  deleteReason(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    return this.codes.delete(actor, 'not-ready-reasons', params.id);
  }

  @Route(apiRoutes.listDispositions)
  async listDispositions(@CurrentUser() actor: SessionUser): Promise<DispositionList> {
    return { dispositions: await this.codes.list(actor, 'dispositions') };
  }

  @Route(apiRoutes.createDisposition)
  createDisposition(@CurrentUser() actor: SessionUser, @Body(createBody) body: CreateCodedEntryRequest): Promise<CodedEntry> {
    return this.codes.create(actor, 'dispositions', body);
  }

  @Route(apiRoutes.updateDisposition)
  updateDisposition(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }, @Body(updateBody) body: UpdateCodedEntryRequest): Promise<CodedEntry> {
    return this.codes.update(actor, 'dispositions', params.id, body);
  }

  @Route(apiRoutes.deleteDisposition)
  deleteDisposition(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    return this.codes.delete(actor, 'dispositions', params.id);
  }
}
