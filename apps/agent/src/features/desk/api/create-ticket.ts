/** `POST /api/tickets`: the ticket the wrap-up form creates for the call. */
import { apiRoutes, type CreateTicketRequest, type Ticket, TicketSchema } from '@ccx/contracts';
import type { ApiFetch } from '@ccx/web-session';

export function createTicket(apiFetch: ApiFetch, request: Partial<CreateTicketRequest> & { subject: string }): Promise<Ticket> {
  return apiFetch(apiRoutes.createTicket.path, { method: 'POST', body: request, schema: TicketSchema });
}
