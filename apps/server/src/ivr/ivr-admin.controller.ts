import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type BusinessHoursCalendar,
  type BusinessHoursCalendarList,
  type CreateBusinessHoursCalendarRequest,
  CreateBusinessHoursCalendarRequestSchema,
  type CreateIvrFlowRequest,
  CreateIvrFlowRequestSchema,
  type FlowVersionParam,
  FlowVersionParamSchema,
  IdParamSchema,
  type IvrFlowDetail,
  type IvrFlowList,
  type IvrFlowVersion,
  type SaveIvrFlowVersionRequest,
  SaveIvrFlowVersionRequestSchema,
  type SessionUser,
  type UpdateBusinessHoursCalendarRequest,
  UpdateBusinessHoursCalendarRequestSchema,
  type UpdateIvrFlowRequest,
  UpdateIvrFlowRequestSchema,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { IvrAdminService } from './ivr-admin.service.js';

const idParam = new ZodValidationPipe(IdParamSchema);
const versionParam = new ZodValidationPipe(FlowVersionParamSchema);

@Controller()
export class IvrAdminController {
  constructor(private readonly ivr: IvrAdminService) {}

  @Route(apiRoutes.listIvrFlows)
  async listFlows(): Promise<IvrFlowList> {
    return { flows: await this.ivr.flows() };
  }

  @Route(apiRoutes.createIvrFlow)
  createFlow(@CurrentUser() actor: SessionUser, @Body(new ZodValidationPipe(CreateIvrFlowRequestSchema)) body: CreateIvrFlowRequest): Promise<IvrFlowDetail> {
    return this.ivr.createFlow(actor, body);
  }

  @Route(apiRoutes.getIvrFlow)
  getFlow(@Param(idParam) params: { id: string }): Promise<IvrFlowDetail> {
    return this.ivr.flow(params.id);
  }

  @Route(apiRoutes.updateIvrFlow)
  updateFlow(
    @CurrentUser() actor: SessionUser,
    @Param(idParam) params: { id: string },
    @Body(new ZodValidationPipe(UpdateIvrFlowRequestSchema)) body: UpdateIvrFlowRequest,
  ): Promise<IvrFlowDetail> {
    return this.ivr.updateFlow(actor, params.id, body);
  }

  @Route(apiRoutes.saveIvrFlowVersion)
  saveVersion(
    @CurrentUser() actor: SessionUser,
    @Param(idParam) params: { id: string },
    @Body(new ZodValidationPipe(SaveIvrFlowVersionRequestSchema)) body: SaveIvrFlowVersionRequest,
  ): Promise<IvrFlowVersion> {
    return this.ivr.saveVersion(actor, params.id, body.definition);
  }

  @Route(apiRoutes.getIvrFlowVersion)
  getVersion(@Param(versionParam) params: FlowVersionParam): Promise<IvrFlowVersion> {
    return this.ivr.version(params.id, params.version);
  }

  @Route(apiRoutes.publishIvrFlowVersion)
  publish(@CurrentUser() actor: SessionUser, @Param(versionParam) params: FlowVersionParam): Promise<IvrFlowDetail> {
    return this.ivr.publish(actor, params.id, params.version);
  }

  @Route(apiRoutes.listBusinessHoursCalendars)
  async listCalendars(): Promise<BusinessHoursCalendarList> {
    return { calendars: await this.ivr.calendars() };
  }

  @Route(apiRoutes.createBusinessHoursCalendar)
  createCalendar(
    @CurrentUser() actor: SessionUser,
    @Body(new ZodValidationPipe(CreateBusinessHoursCalendarRequestSchema)) body: CreateBusinessHoursCalendarRequest,
  ): Promise<BusinessHoursCalendar> {
    return this.ivr.createCalendar(actor, body);
  }

  @Route(apiRoutes.updateBusinessHoursCalendar)
  updateCalendar(
    @CurrentUser() actor: SessionUser,
    @Param(idParam) params: { id: string },
    @Body(new ZodValidationPipe(UpdateBusinessHoursCalendarRequestSchema)) body: UpdateBusinessHoursCalendarRequest,
  ): Promise<BusinessHoursCalendar> {
    return this.ivr.updateCalendar(actor, params.id, body);
  }

  @Route(apiRoutes.deleteBusinessHoursCalendar)
  deleteCalendar(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    return this.ivr.deleteCalendar(actor, params.id);
  }
}
