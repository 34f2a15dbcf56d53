import { Controller } from '@nestjs/common';
import { type AuditActorList, type AuditList, type AuditListQuery, apiRoutes } from '@ccx/contracts';
import { Route, RouteQuery } from '../common/route.decorator.js';
import { AuditLogService } from './audit-log.service.js';

/** The audit log, read by supervisors and admins. */
@Controller()
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Route(apiRoutes.listAuditEntries)
  list(@RouteQuery() query: AuditListQuery): Promise<AuditList> {
    return this.log.list(query);
  }

  @Route(apiRoutes.listAuditActors)
  actors(): Promise<AuditActorList> {
    return this.log.actors();
  }
}
