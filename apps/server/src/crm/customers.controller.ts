import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type Customer,
  type CustomerDetail,
  type CustomerSearchQuery,
  type CustomerSearchResult,
  IdParamSchema,
  type SessionUser,
  type TicketList,
  type UpdateCustomerRequest,
  UpdateCustomerRequestSchema,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route, RouteQuery } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CustomersService } from './customers.service.js';
import { TicketsService } from './tickets.service.js';

const idParam = new ZodValidationPipe(IdParamSchema);
const updateBody = new ZodValidationPipe(UpdateCustomerRequestSchema);

/** Customers for the desk: search, a record with its recent calls and tickets, edits. */
@Controller()
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly ticketsService: TicketsService,
  ) {}

  @Route(apiRoutes.searchCustomers)
  search(@RouteQuery() query: CustomerSearchQuery): Promise<CustomerSearchResult> {
    return this.customers.search(query);
  }

  @Route(apiRoutes.getCustomer)
  get(@Param(idParam) params: { id: string }): Promise<CustomerDetail> {
    return this.customers.detail(params.id);
  }

  @Route(apiRoutes.updateCustomer)
  update(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }, @Body(updateBody) body: UpdateCustomerRequest): Promise<Customer> {
    return this.customers.update(actor, params.id, body);
  }

  @Route(apiRoutes.listCustomerTickets)
  async tickets(@Param(idParam) params: { id: string }): Promise<TicketList> {
    return { tickets: await this.ticketsService.ofCustomer(params.id) };
  }
}
