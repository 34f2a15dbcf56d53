import { Controller } from '@nestjs/common';
import { type AgentDirectory, apiRoutes, type MyCallList, type MyCallsQuery, type SessionUser } from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route, RouteQuery } from '../common/route.decorator.js';
import { DeskService } from './desk.service.js';

@Controller()
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  @Route(apiRoutes.agentDirectory)
  directory(): AgentDirectory {
    return this.desk.directory();
  }

  @Route(apiRoutes.myCalls)
  myCalls(@CurrentUser() user: SessionUser, @RouteQuery() query: MyCallsQuery): Promise<MyCallList> {
    return this.desk.myCalls(user, query);
  }
}
