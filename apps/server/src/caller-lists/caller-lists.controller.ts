import { Body, Controller, Param } from '@nestjs/common';
import {
  type AddCallerListEntryRequest,
  AddCallerListEntryRequestSchema,
  apiRoutes,
  type CallerList,
  type CallerListEntry,
  type CallerListQuery,
  ErrorCode,
  IdParamSchema,
  type SessionUser,
} from '@ccx/contracts';
import { AuditService } from '../audit/audit.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AppError } from '../common/app-error.js';
import { Route, RouteQuery } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CallerListsRepository } from './caller-lists.repository.js';

const idParam = new ZodValidationPipe(IdParamSchema);

/** The VIP list and the blacklist: so little logic that the controller holds it. */
@Controller()
export class CallerListsController {
  constructor(
    private readonly lists: CallerListsRepository,
    private readonly audit: AuditService,
  ) {}

  @Route(apiRoutes.listCallerListEntries)
  async list(@RouteQuery() query: CallerListQuery): Promise<CallerList> {
    return { entries: await this.lists.entries(query.kind) };
  }

  @Route(apiRoutes.addCallerListEntry)
  async add(@CurrentUser() actor: SessionUser, @Body(new ZodValidationPipe(AddCallerListEntryRequestSchema)) body: AddCallerListEntryRequest): Promise<CallerListEntry> {
    if (await this.lists.listed(body.kind, body.number)) {
      throw new AppError(ErrorCode.Conflict, `${body.number} is already on the ${body.kind} list`, { issues: [{ path: 'number', message: 'already on this list' }] });
    }
    const entry = await this.lists.add(body);
    await this.audit.record({ actorId: actor.id, action: 'caller-lists/add', targetType: 'caller-list-entry', targetId: entry.id, data: { kind: entry.kind, number: entry.number, note: entry.note } });
    return entry;
  }

  @Route(apiRoutes.removeCallerListEntry)
  async remove(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    const entry = await this.lists.entry(params.id);
    if (!entry) throw new AppError(ErrorCode.NotFound, `no caller list entry ${params.id}`);
    await this.lists.remove(params.id);
    await this.audit.record({ actorId: actor.id, action: 'caller-lists/remove', targetType: 'caller-list-entry', targetId: entry.id, data: { kind: entry.kind, number: entry.number } });
  }
}
