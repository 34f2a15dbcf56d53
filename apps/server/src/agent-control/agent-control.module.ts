import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { AgentControlController } from './agent-control.controller.js';
import { AgentControlRepository } from './agent-control.repository.js';
import { AgentControlService } from './agent-control.service.js';

/** A supervisor's control of agents: forced states, live skills, messages (all audited). */
@Module({ imports: [AcdModule], controllers: [AgentControlController], providers: [AgentControlRepository, AgentControlService] })
export class AgentControlModule {}
