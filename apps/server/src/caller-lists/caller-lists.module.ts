import { Module } from '@nestjs/common';
import { CallerListsController } from './caller-lists.controller.js';
import { CallerListsRepository } from './caller-lists.repository.js';

/** The VIP list and the blacklist. */
@Module({ controllers: [CallerListsController], providers: [CallerListsRepository] })
export class CallerListsModule {}
