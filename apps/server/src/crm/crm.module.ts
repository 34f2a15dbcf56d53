import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersService } from './customers.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

/**
 * The CRM as the desk uses it: customer search, records and edits, and tickets. (What calls
 * read from the CRM while they run, caller lists and screen pops, stays in contact-center.)
 */
@Module({
  controllers: [CustomersController, TicketsController],
  providers: [CustomersRepository, CustomersService, TicketsRepository, TicketsService],
  exports: [CustomersRepository],
})
export class CrmModule {}
