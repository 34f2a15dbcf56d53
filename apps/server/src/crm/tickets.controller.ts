import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type CreateTicketRequest,
  CreateTicketRequestSchema,
  IdParamSchema,
  type SessionUser,
  type Ticket,
  type UpdateTicketRequest,
  UpdateTicketRequestSchema,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { TicketsService } from './tickets.service.js';

const idParam = new ZodValidationPipe(IdParamSchema);
const createBody = new ZodValidationPipe(CreateTicketRequestSchema);
const updateBody = new ZodValidationPipe(UpdateTicketRequestSchema);

@Controller()
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Route(apiRoutes.createTicket)
  create(@CurrentUser() actor: SessionUser, @Body(createBody) body: CreateTicketRequest): Promise<Ticket> {
    return this.tickets.create(actor, body);
  }

  @Route(apiRoutes.updateTicket)
  update(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }, @Body(updateBody) body: UpdateTicketRequest): Promise<Ticket> {
    return this.tickets.update(actor, params.id, body);
  }
}
