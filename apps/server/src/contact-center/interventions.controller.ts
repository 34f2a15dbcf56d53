import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type Intervention,
  InterventionIdParamSchema,
  type InterventionRequest,
  InterventionRequestSchema,
  LiveCallIdParamSchema,
  type SessionUser,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ContactCenterService } from './contact-center.service.js';

const interventionParam = new ZodValidationPipe(InterventionIdParamSchema);
const requestBody = new ZodValidationPipe(InterventionRequestSchema);

/** A supervisor steps into a live call, switches mode, leaves (domain/interventions.ts). */
@Controller()
export class InterventionsController {
  constructor(private readonly contactCenter: ContactCenterService) {}

  @Route(apiRoutes.startIntervention)
  start(@CurrentUser() user: SessionUser, @Param(new ZodValidationPipe(LiveCallIdParamSchema)) params: { callId: string }, @Body(requestBody) body: InterventionRequest): Intervention {
    return this.contactCenter.intervene(user, params.callId, body.mode);
  }

  @Route(apiRoutes.changeIntervention)
  change(@CurrentUser() user: SessionUser, @Param(interventionParam) params: { interventionId: string }, @Body(requestBody) body: InterventionRequest): Intervention {
    return this.contactCenter.changeIntervention(user, params.interventionId, body.mode);
  }

  @Route(apiRoutes.endIntervention)
  end(@CurrentUser() user: SessionUser, @Param(interventionParam) params: { interventionId: string }): Intervention {
    return this.contactCenter.endIntervention(user, params.interventionId);
  }
}
